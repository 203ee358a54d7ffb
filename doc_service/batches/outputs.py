"""A finished batch's outputs: a ZIP of every document with a manifest, one print-ready PDF."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter

from doc_service.audit import Record, get_record
from doc_service.audit.chain import format_instant

if TYPE_CHECKING:
    from doc_service.batches.models import Batch, BatchItem
    from doc_service.services import Services

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class PrintFile:
    """The mail room's PDF: its bytes, its pages, how many blanks were put in."""

    content: bytes
    pages: int
    blanks: int
    letters: int


def issued_records(services: Services, items: list[BatchItem]) -> list[tuple[BatchItem, Record]]:
    """Return each issued item with its record, in item order."""
    found = []
    with services.sessions() as session:
        for item in items:
            record = get_record(session, item.document_id or "")
            if record is not None:
                found.append((item, record))
    return found


def file_name(record: Record) -> str:
    """Name a document in the archive by its case, type and version."""
    case = _UNSAFE.sub("_", record.case_id)
    return f"{case}_{record.document_type}_v{record.version}.{record.format}"


def build_archive(services: Services, batch: Batch, pairs: list[tuple[BatchItem, Record]]) -> bytes:
    """Zip every document (bytes checked against the record) with manifest.json."""
    buffer = io.BytesIO()
    manifest: list[dict[str, Any]] = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item, record in pairs:
            name = file_name(record)
            # the blob store checks the bytes against their hash on the way out
            archive.writestr(name, services.blobs.get(record.sha256))
            manifest.append(
                {
                    "index": item.index,
                    "file": name,
                    "document_id": record.id,
                    "case_id": record.case_id,
                    "document_type": record.document_type,
                    "version": record.version,
                    "format": record.format,
                    "size": record.size,
                    "sha256": record.sha256,
                    "record_hash": record.record_hash,
                }
            )
        header = {
            "batch_id": batch.id,
            "created_at": format_instant(batch.created_at),
            "documents": manifest,
        }
        archive.writestr("manifest.json", json.dumps(header, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def build_print_pdf(services: Services, pairs: list[tuple[BatchItem, Record]]) -> PrintFile:
    """Concatenate the PDF letters, each starting on a right-hand page, fonts shared if equal."""
    writer = PdfWriter()
    blanks = letters = 0
    for _item, record in pairs:
        if record.format != "pdf":
            continue
        reader = PdfReader(io.BytesIO(services.blobs.get(record.sha256)))
        writer.append(reader)
        letters += 1
        if len(reader.pages) % 2:
            # duplex: a blank back keeps the next letter on a front (right-hand) page
            last = reader.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
            blanks += 1
    # identical objects (the same font program embedded by several letters) are kept once
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return PrintFile(buffer.getvalue(), len(writer.pages), blanks, letters)
