"""Content-addressed blob stores: one protocol, a filesystem and an S3 implementation."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

_HEX = re.compile(r"[0-9a-f]{64}")
# large blobs (a batch's archive, its print file) move in pieces of this size, never whole
CHUNK = 1 << 20


class BlobError(Exception):
    """Base of the blob store errors."""


class BlobNotFound(BlobError, KeyError):
    """No blob is stored under this digest."""


class BlobCorrupted(BlobError):
    """The stored bytes no longer hash to their key."""


class BlobStoreUnavailable(OSError):
    """The blob store cannot be read or written just now (disk, mount, network); retry later."""


@runtime_checkable
class BlobStore(Protocol):
    """Store bytes under their SHA-256; never overwrite, verify on read."""

    def put(self, data: bytes, *, sha256: str | None = None) -> str: ...

    def get(self, sha256: str) -> bytes: ...

    def put_file(self, path: Path) -> str: ...

    def stream(self, sha256: str) -> BlobStream: ...

    def exists(self, sha256: str) -> bool: ...

    def discard(self, sha256: str) -> None: ...

    def ping(self) -> None: ...


def sha256_hex(data: bytes) -> str:
    """Return the lowercase hex SHA-256 of the bytes."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Return the lowercase hex SHA-256 of a file, read in pieces."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class BlobStream:
    """A stored blob read in pieces: its size up front, its bytes checked as they pass."""

    sha256: str
    size: int
    handle: BinaryIO

    def __iter__(self) -> Iterator[bytes]:
        """Iterate over the pieces (what a WSGI response body does)."""
        return self.chunks()

    def close(self) -> None:
        """Close the blob, read or not (a WSGI server calls this when the response ends)."""
        self.handle.close()

    def chunks(self) -> Iterator[bytes]:
        """Yield the bytes; raise BlobCorrupted after the last piece if they do not hash right."""
        digest = hashlib.sha256()
        try:
            while block := self.handle.read(CHUNK):
                digest.update(block)
                yield block
        finally:
            self.handle.close()
        # the reader has the bytes already: failing here breaks the response short of its
        # Content-Length, so a client never takes corrupted bytes for a whole download
        if digest.hexdigest() != self.sha256:
            raise BlobCorrupted(f"blob {self.sha256} hashes to {digest.hexdigest()}")


def blob_key(sha256: str) -> str:
    """Return the content-addressed key `sha256/ab/cd/<hex>` of a digest."""
    if not _HEX.fullmatch(sha256):
        # a malformed digest must never become a path outside the store
        raise ValueError(f"not a lowercase hex SHA-256: {sha256!r}")
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def verified(sha256: str, data: bytes) -> bytes:
    """Return the bytes if they hash to the digest, else raise BlobCorrupted."""
    actual = sha256_hex(data)
    if actual != sha256:
        raise BlobCorrupted(f"blob {sha256} hashes to {actual}")
    return data


def _fsync_dir(path: Path) -> None:
    """Flush a directory entry so a rename survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _make_synced_dirs(directory: Path) -> None:
    """Create a blob's missing folders, syncing the parent of each new one: after a crash a
    committed record's blob must still be found, folder entry included, not only its file's."""
    missing: list[Path] = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for folder in reversed(missing):
        # made by another writer meanwhile: synced here too, whoever commits first
        with contextlib.suppress(FileExistsError):
            folder.mkdir()
        _fsync_dir(folder.parent)


class FileBlobStore:
    """Keep blobs as files under a root directory."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"FileBlobStore({str(self.root)!r})"

    def path_of(self, sha256: str) -> Path:
        """Return the file path of a digest."""
        return self.root / blob_key(sha256)

    def put(self, data: bytes, *, sha256: str | None = None) -> str:
        """Store the bytes once and return their digest (``sha256``: already computed)."""
        digest = sha256 or sha256_hex(data)
        try:
            self._write(self.path_of(digest), data)
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot write to {self.root}: {exc}") from exc
        return digest

    def put_file(self, path: Path) -> str:
        """Store a file's bytes once, copied in pieces, and return their digest."""
        digest = file_sha256(path)
        try:
            with path.open("rb") as source:
                self._write(self.path_of(digest), source)
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot write to {self.root}: {exc}") from exc
        return digest

    def stream(self, sha256: str) -> BlobStream:
        """Open a blob to read in pieces, checked against its digest as it is read."""
        path = self.path_of(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot read {self.root}: {exc}") from exc
        return BlobStream(sha256, os.fstat(handle.fileno()).st_size, handle)

    def _write(self, target: Path, data: bytes | BinaryIO) -> None:
        """Write the bytes to target atomically, never overwriting a blob already there."""
        if target.exists():
            return
        _make_synced_dirs(target.parent)
        fd, tmp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as tmp:
                if isinstance(data, bytes):
                    tmp.write(data)
                else:
                    shutil.copyfileobj(data, tmp, CHUNK)
                tmp.flush()
                os.fsync(tmp.fileno())
            # link() fails if another writer got there first, so a blob is never overwritten
            try:
                os.link(tmp_name, target)
            except FileExistsError:
                pass
            except OSError:
                # filesystems without hard links: rename is atomic, and equal content is harmless
                os.replace(tmp_name, target)
            _fsync_dir(target.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)

    def get(self, sha256: str) -> bytes:
        """Return the verified bytes of a digest."""
        try:
            data = self.path_of(sha256).read_bytes()
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot read {self.root}: {exc}") from exc
        return verified(sha256, data)

    def exists(self, sha256: str) -> bool:
        """Tell whether a blob is stored under the digest."""
        return self.path_of(sha256).is_file()

    def discard(self, sha256: str) -> None:
        """Remove a blob no record references (the caller checks that)."""
        path = self.path_of(sha256)
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            _fsync_dir(path.parent)

    def ping(self) -> None:
        """Raise unless the root is a writable directory."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise BlobError(f"blob root {self.root} is not writable")
