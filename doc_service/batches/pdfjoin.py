"""Join PDFs into one file as they come: each object written at once, equal objects kept once.

pypdf's PdfWriter holds every page of every letter until it writes; for a night of thousands of
letters that is gigabytes. Here each letter is read, its pages' objects are written straight to
the output with new numbers, and only a digest per written object stays in memory, so that an
object equal to one written before (the same font program, the same logo) is referred to, not
written again.
"""

from __future__ import annotations

import gc
import hashlib
import io
from collections.abc import Iterable
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
# attributes a page inherits from the page tree when it does not set them itself
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# back links into the source's page tree or form fields: the joined file has neither
BACK_LINKS = ("/P", "/Parent")
# a read PDF is a web of reference cycles only the garbage collector frees: collected every so
# many documents, or thousands of finished letters would pile up before the collector ran
COLLECT_EVERY = 8


class PdfJoiner:
    """Write pages of many PDFs into one output file, sharing equal objects."""

    def __init__(self, out: BinaryIO, identifier: bytes) -> None:
        self.out = out
        self.position = 0
        self.offsets: list[int] = [0]  # by object number; 0 is the free list's head
        self.known: dict[bytes, int] = {}
        self.kids: list[int] = []
        self.identifier = identifier
        self.opened = 0
        self.tree = self.reserve()
        self._emit(HEADER)

    @property
    def pages(self) -> int:
        """Return how many pages were added."""
        return len(self.kids)

    def reserve(self) -> int:
        """Return a new object number, to be written later."""
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write_object(self, number: int, body: bytes) -> None:
        """Write object `number` with its serialised body."""
        self.offsets[number] = self.position
        self._emit(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def shared(self, body: bytes) -> int:
        """Return the number of an object with this body, writing it the first time only."""
        digest = hashlib.sha256(body).digest()
        number = self.known.get(digest)
        if number is None:
            number = self.known[digest] = self.reserve()
            self.write_object(number, body)
        return number

    def open(self, data: bytes) -> SourcePdf:
        """Return a PDF whose pages can be appended one by one."""
        self.opened += 1
        if self.opened % COLLECT_EVERY == 0:
            gc.collect()
        return SourcePdf(self, PdfReader(io.BytesIO(data)))

    def add_document(self, data: bytes) -> SourcePdf:
        """Append every page of a PDF; return it."""
        source = self.open(data)
        for index in range(source.page_count):
            source.copy_page(index)
        return source

    def add_blank(self, width: float, height: float) -> None:
        """Append an empty page of this size."""
        number = self.reserve()
        body = b"<</Type/Page/Parent %d 0 R/MediaBox[0 0 %s %s]/Resources<<>>>>" % (
            self.tree,
            _number(width),
            _number(height),
        )
        self.write_object(number, body)
        self.kids.append(number)

    def finish(self) -> None:
        """Write the page tree, the catalogue, the cross-reference table and the trailer."""
        kids = b" ".join(b"%d 0 R" % kid for kid in self.kids)
        self.write_object(self.tree, b"<</Type/Pages/Kids[%s]/Count %d>>" % (kids, len(self.kids)))
        catalog = self.reserve()
        self.write_object(catalog, b"<</Type/Catalog/Pages %d 0 R>>" % self.tree)
        missing = [n for n, offset in enumerate(self.offsets) if offset < 0]
        assert not missing, f"objects reserved but never written: {missing[:5]}"
        start = self.position
        rows = [b"xref\n0 %d\n" % len(self.offsets), b"0000000000 65535 f \n"]
        rows.extend(b"%010d 00000 n \n" % offset for offset in self.offsets[1:])
        hex_id = self.identifier.hex().encode("ascii")
        rows.append(
            b"trailer\n<</Size %d/Root %d 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(self.offsets), catalog, hex_id, hex_id, start)
        )
        self._emit(b"".join(rows))

    def _emit(self, data: bytes) -> None:
        self.out.write(data)
        self.position += len(data)


class SourcePdf:
    """One PDF being copied into a joiner: its objects' new numbers, its pages' numbers."""

    def __init__(self, joiner: PdfJoiner, reader: PdfReader) -> None:
        self.joiner = joiner
        self.reader = reader
        self.done: dict[int, int] = {}
        # objects being written whose children refer back to them: numbered before they end
        self.open: dict[int, int | None] = {}
        self.page_refs = [page.indirect_reference for page in reader.pages]
        # pages get their numbers first, so links to a page land on its copy
        for ref in self.page_refs:
            if ref is not None:
                self.done[ref.idnum] = joiner.reserve()

    @property
    def page_count(self) -> int:
        """Return the source's page count."""
        return len(self.page_refs)

    def size(self, index: int) -> tuple[float, float]:
        """Return the width and height of page `index`."""
        box = self.reader.pages[index].mediabox
        return float(box.width), float(box.height)

    def copy_page(self, index: int) -> None:
        """Write page `index` under the joiner's page tree."""
        page = self.reader.pages[index]
        ref = self.page_refs[index]
        number = self.done[ref.idnum] if ref is not None else self.joiner.reserve()
        entries: dict[str, PdfObject] = {
            key: value for key, value in page.items() if key not in ("/Parent",)
        }
        for key in INHERITED:
            if key not in entries:
                inherited = _inherited(page, key)
                if inherited is not None:
                    entries[key] = inherited
        parts = [b"<<"]
        for key, value in entries.items():
            parts.append(_name(key))
            parts.append(self.serialise(value))
        parts.append(b"/Parent %d 0 R>>" % self.joiner.tree)
        self.joiner.write_object(number, b"".join(parts))
        self.joiner.kids.append(number)

    def reference(self, ref: IndirectObject) -> int:
        """Return the new number of a source object, copying it (and its children) first."""
        idnum = ref.idnum
        if idnum in self.done:
            return self.done[idnum]
        if idnum in self.open:
            # a cycle: the object takes its number now and is written unshared when it ends
            number = self.open[idnum] or self.joiner.reserve()
            self.open[idnum] = number
            return number
        self.open[idnum] = None
        body = self.serialise(ref.get_object())
        reserved = self.open.pop(idnum)
        if reserved is not None:
            self.joiner.write_object(reserved, body)
            number = reserved
        else:
            number = self.joiner.shared(body)
        self.done[idnum] = number
        return number

    def serialise(self, value: PdfObject | None) -> bytes:
        """Return an object's bytes with its references renumbered."""
        if isinstance(value, IndirectObject):
            return b"%d 0 R" % self.reference(value)
        if isinstance(value, DictionaryObject):
            return self._dictionary(value)
        if isinstance(value, ArrayObject):
            return b"[" + b" ".join(self.serialise(item) for item in value) + b"]"
        if value is None:
            return b"null"
        buffer = io.BytesIO()
        value.write_to_stream(buffer)
        return buffer.getvalue()

    def _dictionary(self, value: DictionaryObject) -> bytes:
        """Serialise a dictionary or a stream (raw, as stored: never decoded, never re-encoded)."""
        stream = isinstance(value, StreamObject)
        parts = [b"<<"]
        for key, item in value.items():
            if key in BACK_LINKS and isinstance(item, IndirectObject):
                continue
            if stream and key == "/Length":
                continue
            parts.append(_name(key))
            parts.append(self.serialise(item))
        if isinstance(value, StreamObject):
            data = value._data  # the raw bytes, still encoded by their filters
            parts.append(b"/Length %d>>\nstream\n%s\nendstream" % (len(data), data))
        else:
            parts.append(b">>")
        return b"".join(parts)


def _inherited(page: DictionaryObject, key: str) -> PdfObject | None:
    """Return an inheritable attribute from the page's ancestors, if one sets it."""
    node = page.get("/Parent")
    seen = 0
    while node is not None and seen < 64:
        node = node.get_object()
        if key in node:
            return node.raw_get(key)
        node = node.get("/Parent")
        seen += 1
    return None


def _name(key: str) -> bytes:
    """Return a dictionary key as a PDF name, followed by a space."""
    buffer = io.BytesIO()
    NameObject(key).write_to_stream(buffer)
    return buffer.getvalue() + b" "


def _number(value: float) -> bytes:
    """Return a page dimension as PDF number text."""
    return (f"{value:.4f}".rstrip("0").rstrip(".")).encode("ascii")


def join(out: BinaryIO, documents: Iterable[bytes], identifier: bytes) -> int:
    """Join whole PDFs into `out`; return the page count."""
    joiner = PdfJoiner(out, identifier)
    for data in documents:
        joiner.add_document(data)
    joiner.finish()
    return joiner.pages
