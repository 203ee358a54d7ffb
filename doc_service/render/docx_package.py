"""A template version's DOCX package, parsed once: what every render copies and what it fills.

docxtpl changes only the body, the headers and footers, the core properties and, with a QR
code, adds an image, its relationship and maybe a content type. Everything else python-docx
writes the same for every render of a version, so it is saved once here, and its deflated
entries are copied as they are. A package this module cannot take apart faithfully (footnotes,
images, a header reached twice) loads as None and renders through docxtpl.
"""

from __future__ import annotations

import copy
import io
import struct
import threading
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from docx import Document
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from doc_service.render.docx_zip import ZipEntry, normalise_zip, write_zip, zip_entry

_HEADERS_AND_FOOTERS = (DocxTemplate.HEADER_URI, DocxTemplate.FOOTER_URI)

Patch = Callable[[str], str]


@dataclass(frozen=True)
class Layout:
    """The members python-docx writes, in its order: entries copied as they are, and the names
    of the members each render fills in; with the image docxtpl places, when there is one."""

    members: tuple[ZipEntry | str, ...]
    picture_markup: str | None = None
    image_member: str | None = None

    def write(self, filled: Mapping[str, bytes]) -> bytes:
        """Return the archive with the rendered members in their places."""
        return write_zip(
            member if isinstance(member, ZipEntry) else zip_entry(member, filled[member])
            for member in self.members
        )


@dataclass(frozen=True)
class DocumentShell:
    """The document part with an empty body, which each render's body replaces."""

    xml: bytes
    body_index: int

    def document(self, body: Any) -> bytes:
        """Return the document part holding the body, moved in as docxtpl's map_tree moves it
        (lxml drops the namespace declarations the document already makes) and serialised as
        python-docx serialises a part."""
        root = etree.fromstring(self.xml, recovering_parser())
        root.replace(root[self.body_index], body)
        return serialize_part_xml(root)


class DocxPackage:
    """One template version's package: docxtpl's cleaned-up sources and the fixed members."""

    def __init__(self, docx_bytes: bytes, patch: Patch) -> None:
        self._docx_bytes = docx_bytes
        document = Document(io.BytesIO(docx_bytes))
        _check_supported(document)
        part = document.part
        self.document_member: str = part.partname.membername
        body_source = etree.tostring(part.element.body, encoding="unicode")  # docxtpl's get_xml
        self.body_source: str = patch(body_source)
        self.shell = _document_shell(part.element)
        # headers, then footers, in the document's relationship order, as docxtpl renders them
        self.part_sources: tuple[tuple[str, str], ...] = tuple(
            (rel.target_part.partname.membername, patch(_part_xml(rel.target_part.blob)))
            for uri in _HEADERS_AND_FOOTERS
            for rel in part.rels.values()
            if rel.reltype == uri and rel.target_part.blob
        )
        core = document.part.package.part_related_by(RT.CORE_PROPERTIES)
        self.core_member: str = core.partname.membername
        self.core_xml: bytes = core.blob
        saved = _saved(document)
        self.plain = self._layout(saved)
        self._check_layout(saved, body_source)
        self._pictures: dict[tuple[int, int, str], Layout] = {}
        self._lock = threading.Lock()

    @property
    def filled_members(self) -> tuple[str, ...]:
        """Name the members each render fills in (besides an image)."""
        parts = tuple(member for member, _ in self.part_sources)
        return (self.document_member, *parts, self.core_member)

    def picture_layout(self, image: bytes, width: int, height: int) -> Layout:
        """Return the layout of a render that places this image, built on first use."""
        key = (int(width), int(height), Image.from_blob(image).content_type)
        layout = self._pictures.get(key)
        if layout is None:
            with self._lock:
                layout = self._pictures.get(key) or self._picture_layout(image, width, height)
                self._pictures[key] = layout
        return layout

    def _picture_layout(self, image: bytes, width: int, height: int) -> Layout:
        """Place the image in a fresh package as docxtpl does, and save it to see the result."""
        document = Document(io.BytesIO(self._docx_bytes))
        # docxtpl's InlineImage asks only for the part being rendered: the body's, here
        rendering = SimpleNamespace(current_rendering_part=document.part)
        markup = str(InlineImage(rendering, io.BytesIO(image), width=width, height=height))
        added = [
            p for p in document.part.package.iter_parts() if p.content_type.startswith("image/")
        ]
        if len(added) != 1:
            raise UnsupportedPackage("placing the image did not add exactly one image part")
        image_member = added[0].partname.membername
        layout = self._layout(_saved(document), image_member)
        return Layout(layout.members, picture_markup=markup, image_member=image_member)

    def _layout(self, saved: bytes, *extra_members: str) -> Layout:
        """Keep every member of python-docx's save that a render does not change."""
        filled = {*self.filled_members, *extra_members}
        members: list[ZipEntry | str] = []
        with zipfile.ZipFile(io.BytesIO(saved)) as archive:
            for info in archive.infolist():
                if info.filename in filled:
                    members.append(info.filename)
                else:
                    members.append(_stored_entry(saved, info))
        if not filled <= {m for m in members if isinstance(m, str)}:
            raise UnsupportedPackage("a part docxtpl renders is not written by python-docx")
        return Layout(tuple(members))

    def _check_layout(self, saved: bytes, body_source: str) -> None:
        """Rebuild the unrendered package from the frame and compare it with python-docx's
        own save: the zip writer, the copied entries and the body's frame must all agree."""
        expected = normalise_zip(saved)
        with zipfile.ZipFile(io.BytesIO(saved)) as archive:
            filled = {name: archive.read(name) for name in self.filled_members}
        body = etree.fromstring(body_source, recovering_parser())
        if self.shell.document(body) != filled[self.document_member]:
            raise UnsupportedPackage("the body does not go back into its document")
        if self.plain.write(filled) != expected:
            raise UnsupportedPackage("the rebuilt package differs from python-docx's save")


class UnsupportedPackage(Exception):
    """This package (or this render of it) needs docxtpl's own path to come out the same."""


def recovering_parser() -> etree.XMLParser:
    """Return the parser docxtpl's fix_tables reads the rendered body with (one per call, as
    there: lxml parsers are not to be shared between threads)."""
    return etree.XMLParser(recover=True)


def load_package(docx_bytes: bytes, patch: Patch) -> DocxPackage | None:
    """Return the package frame, or None when renders of it must go through docxtpl."""
    try:
        return DocxPackage(docx_bytes, patch)
    except UnsupportedPackage:
        return None


def _check_supported(document: Any) -> None:
    """Refuse what the frame does not model: footnotes (docxtpl renders them per section),
    images (docxtpl may reuse one for the QR code) and a header or footer reached twice."""
    package = document.part.package
    parts = list(package.iter_parts())
    if any(
        p.content_type == CT.WML_FOOTNOTES or p.content_type.startswith("image/") for p in parts
    ):
        raise UnsupportedPackage("footnotes or images")
    if not any(rel.reltype == RT.CORE_PROPERTIES for rel in package.rels.values()):
        raise UnsupportedPackage("no core properties part")
    rendered = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype in _HEADERS_AND_FOOTERS and not rel.is_external
    ]
    targets = [
        rel.target_part
        for source in (package, *parts)
        for rel in source.rels.values()
        if not rel.is_external
    ]
    if any(targets.count(part) != 1 for part in rendered):
        raise UnsupportedPackage("a header or footer is reached more than once")


def _part_xml(blob: bytes) -> str:
    """Return a header's or footer's XML as docxtpl reads it (get_part_xml)."""
    return etree.tostring(parse_xml(blob), encoding="unicode", pretty_print=False)


def _document_shell(root: Any) -> DocumentShell:
    """Return the document part without the body's content."""
    shell = copy.deepcopy(root)
    body = shell.body
    body.clear(keep_tail=True)
    return DocumentShell(serialize_part_xml(shell), list(shell).index(body))


def _saved(document: Any) -> bytes:
    """Return the package as python-docx saves it (docxtpl's save is python-docx's)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _stored_entry(archive: bytes, info: zipfile.ZipInfo) -> ZipEntry:
    """Return a member as zipfile deflated it, read straight from the archive's bytes."""
    # local file header: fixed 30 bytes, the name and extra field lengths at +26
    name_length, extra_length = struct.unpack_from("<HH", archive, info.header_offset + 26)
    start = info.header_offset + 30 + name_length + extra_length
    if extra_length or info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits:
        raise UnsupportedPackage(f"{info.filename} is not a plain deflated member")
    deflated = archive[start : start + info.compress_size]
    return ZipEntry(info.filename.encode("ascii"), info.CRC, info.file_size, deflated)
