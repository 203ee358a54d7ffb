"""A finished batch's outputs, written to files piece by piece: a ZIP of every document with a
manifest, one print-ready PDF. Memory stays flat however many documents the batch holds."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doc_service.audit import Record, get_record
from doc_service.audit.chain import format_instant
from doc_service.batches import store
from doc_service.batches.address_sheet import Addressee, addressee_of, render_sheets
from doc_service.batches.pdfjoin import PdfJoiner, SourcePdf

if TYPE_CHECKING:
    from doc_service.batches.models import Batch, BatchItem
    from doc_service.services import Services

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# how many issued items are read from the database at a time, and how many address sheets
# WeasyPrint sets in one go
PAGE = 200
SHEETS_AT_ONCE = 50


@dataclass(frozen=True)
class PrintFile:
    """The mail room's PDF as written: its pages, blanks put in, letters and address sheets."""

    pages: int
    blanks: int
    letters: int
    sheets: int


def issued_records(
    services: Services, batch_id: str, renew: Callable[[], None] | None = None
) -> Iterator[tuple[BatchItem, Record]]:
    """Yield each issued item with its record, in item order, a page at a time; `renew` is
    called before each page (the finishing step's lease is kept while the outputs grow)."""
    after = -1
    while True:
        if renew is not None:
            renew()
        with services.sessions() as session:
            items = store.issued_items(session, batch_id, after=after, limit=PAGE)
            found = [(item, get_record(session, item.document_id or "")) for item in items]
        for item, record in found:
            if record is not None:
                yield item, record
        if len(items) < PAGE:
            return
        after = items[-1].index


def file_name(record: Record) -> str:
    """Name a document in the archive by its case, type and version."""
    case = _UNSAFE.sub("_", record.case_id)
    return f"{case}_{record.document_type}_v{record.version}.{record.format}"


def manifest_entry(item: BatchItem, name: str, record: Record) -> dict[str, Any]:
    """Return what the manifest says of one document."""
    return {
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


def build_archive(
    services: Services, batch: Batch, target: Path, renew: Callable[[], None] | None = None
) -> int:
    """Zip every document (bytes checked against the record) with manifest.json into target."""
    manifest: list[dict[str, Any]] = []
    # PDFs and DOCX files are compressed already: stored as they are, the ZIP costs no CPU
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for item, record in issued_records(services, batch.id, renew):
            name = file_name(record)
            # the blob store checks the bytes against their hash on the way out
            archive.writestr(name, services.blobs.get(record.sha256))
            manifest.append(manifest_entry(item, name, record))
        header = {
            "batch_id": batch.id,
            "created_at": format_instant(batch.created_at),
            "documents": manifest,
        }
        archive.writestr(
            "manifest.json",
            json.dumps(header, ensure_ascii=False, indent=2),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    return len(manifest)


class PrintLayout:
    """Lay pages out for duplex printing: every letter and address sheet on a right-hand page."""

    def __init__(self, joiner: PdfJoiner) -> None:
        self.joiner = joiner
        self.blanks = self.letters = self.sheets = 0

    def letter(self, data: bytes) -> None:
        """Append a letter, then a blank back if it ends on a right-hand page."""
        source = self.joiner.add_document(data)
        self.letters += 1
        if source.page_count % 2:
            self.blank(source.size(source.page_count - 1))

    def sheet(self, sheets: SourcePdf, index: int) -> None:
        """Append an address sheet with a blank back, so its letter starts on a front."""
        sheets.copy_page(index)
        self.sheets += 1
        self.blank(sheets.size(index))

    def blank(self, size: tuple[float, float]) -> None:
        """Append an empty page of this size."""
        self.joiner.add_blank(*size)
        self.blanks += 1


def build_print_pdf(
    services: Services,
    batch: Batch,
    target: Path,
    *,
    address_sheet: bool,
    renew: Callable[[], None] | None = None,
) -> PrintFile:
    """Join the PDF letters into target; with address sheets, one before each letter."""
    identifier = hashlib.sha256(f"print:{batch.id}".encode()).digest()[:16]
    with target.open("wb") as out:
        joiner = PdfJoiner(out, identifier)
        layout = PrintLayout(joiner)
        group: list[tuple[Addressee, bytes]] = []
        for item, record in issued_records(services, batch.id, renew):
            if record.format != "pdf":
                continue
            letter = services.blobs.get(record.sha256)
            if not address_sheet:
                layout.letter(letter)
                continue
            person = addressee_of(item.request_json or "{}", record.id)
            if group and (len(group) == SHEETS_AT_ONCE or group[0][0].locale != person.locale):
                _set_group(services, layout, group)
            group.append((person, letter))
        _set_group(services, layout, group)
        joiner.finish()
    return PrintFile(joiner.pages, layout.blanks, layout.letters, layout.sheets)


def _set_group(
    services: Services, layout: PrintLayout, group: list[tuple[Addressee, bytes]]
) -> None:
    """Set a group's address sheets in one go, then lay out each sheet and its letter."""
    if not group:
        return
    first = group[0][0]
    template = services.templates.current(first.document_type, first.locale)
    sheets = layout.joiner.open(render_sheets(template, [person for person, _ in group]))
    for index, (_person, letter) in enumerate(group):
        layout.sheet(sheets, index)
        layout.letter(letter)
    group.clear()
