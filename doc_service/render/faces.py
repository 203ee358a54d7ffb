"""Pre-subset faces: the pinned manifest in _shared/faces.json and the built files it names."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FACES_FILE = "_shared/faces.json"
# where the stylesheet's @font-face URLs point; the fetcher serves them from the built faces
FACES_URL_DIR = "_shared/fonts/"
_DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "build" / "fonts"


class FaceMissing(RuntimeError):
    """A face the template pins is not built, or its bytes differ from the pinned digest."""


def face_dir() -> Path:
    """Return the folder of the built faces (DOC_SERVICE_FONT_DIR, else build/fonts)."""
    return Path(os.environ.get("DOC_SERVICE_FONT_DIR") or _DEFAULT_DIR)


def read_manifest(data: bytes) -> dict[str, Any]:
    """Parse faces.json."""
    manifest: dict[str, Any] = json.loads(data.decode("utf-8"))
    return manifest


FACES_CSS = "_shared/faces.css"
# digests of built files by (path, size, mtime): readiness probes must not re-hash 40 MB each time
_digests: dict[tuple[str, int, int], str] = {}


def pinned_faces(files: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """Return the faces a snapshot pins, by the path its stylesheet fetches them from."""
    if FACES_FILE not in files:
        return {}  # a version from before the pre-subset faces: full Noto faces only
    faces = read_manifest(files[FACES_FILE])["faces"]
    return {FACES_URL_DIR + face["file"]: face for face in faces}


def load_face(face: Mapping[str, Any]) -> bytes:
    """Return a built face's bytes if they match the pinned digest; raise FaceMissing if not."""
    path = face_dir() / face["file"]
    try:
        data = path.read_bytes()
    except OSError:
        raise FaceMissing(f"face {face['file']} is not built: run make install") from None
    if hashlib.sha256(data).hexdigest() != face["sha256"]:
        raise FaceMissing(f"face {face['file']} differs from its pinned digest: run make install")
    return data


def missing_faces(files: Mapping[str, bytes]) -> list[str]:
    """Return the faces a snapshot pins that are not built as pinned (for readiness)."""
    return [
        face["file"]
        for face in pinned_faces(files).values()
        if _file_digest(face_dir() / face["file"]) != face["sha256"]
    ]


def _file_digest(path: Path) -> str | None:
    """Return the hex SHA-256 of a file (None if absent), hashing each version of it once."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _digests:
        _digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _digests[key]
