"""The DOCX zip container: the bytes zipfile writes once normalise_zip has fixed their stamps.

Entries are deflated the way zipfile deflates them (zlib's default level, raw stream), so an
entry that never changes is compressed once per template version and copied into every render.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

# the values normalise_zip stamps: 1980-01-01 00:00:00, made by MS-DOS (version 2.0), 0644
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
_MADE_BY = 20
_EXTRACT_VERSION = 20  # deflate
_DEFLATED = 8
_FILE_ATTRIBUTES = 0o644 << 16
_ZIP64_LIMIT = (1 << 31) - 1
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class ZipEntry:
    """One member: its name, the CRC and size of its data, and the data deflated."""

    name: bytes
    crc: int
    size: int
    deflated: bytes


def zip_entry(name: str, data: bytes) -> ZipEntry:
    """Deflate one member as zipfile's writestr does (ZIP_DEFLATED, default level)."""
    if len(data) * 1.05 > _ZIP64_LIMIT:
        raise ValueError("zip64 members are not written by this writer")
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush()
    # ASCII names only: zipfile flags UTF-8 names (bit 11), which OPC part names never need
    return ZipEntry(name.encode("ascii"), zlib.crc32(data), len(data), deflated)


def write_zip(entries: Iterable[ZipEntry]) -> bytes:
    """Return the archive of the entries, in order, with the fixed times and attributes."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for entry in entries:
        header = _LOCAL.pack(b"PK\x03\x04", _EXTRACT_VERSION, 0, *_fields(entry))
        directory.append(
            _CENTRAL.pack(
                b"PK\x01\x02",
                _MADE_BY,
                0,  # system: MS-DOS
                _EXTRACT_VERSION,
                0,  # reserved
                *_fields(entry),
                0,  # comment length
                0,  # disk number
                0,  # internal attributes
                _FILE_ATTRIBUTES,
                offset,
            )
            + entry.name
        )
        chunks += (header, entry.name, entry.deflated)
        offset += len(header) + len(entry.name) + len(entry.deflated)
    central = b"".join(directory)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(directory), len(directory), len(central), offset, 0)
    return b"".join(chunks) + central + end


def _fields(entry: ZipEntry) -> tuple[int, ...]:
    """Return what the local and central headers share: flags, method, time, date, CRC,
    sizes, name length and extra field length (none)."""
    sizes = (len(entry.deflated), entry.size)
    return (0, _DEFLATED, _DOS_TIME, _DOS_DATE, entry.crc, *sizes, len(entry.name), 0)


def normalise_zip(data: bytes) -> bytes:
    """Set every entry's time, system and attributes to fixed values, in place.

    The writer stamps entries with the wall clock; patching the headers (rather than
    re-compressing every part) keeps the bytes reproducible at no cost.
    """
    patched = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    for entry in archive.infolist():
        # local file header: signature(4) version(2) flags(2) method(2) time(2) date(2)
        struct.pack_into("<HH", patched, entry.header_offset + 10, _DOS_TIME, _DOS_DATE)
    offset = archive.start_dir
    for _ in archive.infolist():
        # central directory header: made-by at +4, time/date at +12, external attributes at +38
        struct.pack_into("<H", patched, offset + 4, _MADE_BY)
        struct.pack_into("<HH", patched, offset + 12, _DOS_TIME, _DOS_DATE)
        struct.pack_into("<I", patched, offset + 38, _FILE_ATTRIBUTES)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", patched, offset + 28)
        offset += 46 + name_len + extra_len + comment_len
    return bytes(patched)
