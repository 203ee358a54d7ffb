"""Earlier versions of a template from the git history of the template folder, when it has one.

Only versions a document was issued with are kept by the audit store; a wording change must be
reviewable before it goes live, so the committed versions (HEAD is the live one) are offered too.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from doc_service.render.snapshot import (
    LAYOUT_NAME,
    LOCALE_DIR,
    SHARED_DIR,
    TemplateSnapshot,
    version_digest,
)

HISTORY_LIMIT = 12  # commits touching one template; older wording is rarely reviewed here
_TIMEOUT = 10


@dataclass(frozen=True)
class CommittedVersion:
    """A template as one commit left it: digest, commit, when, its subject, the files."""

    version: str
    commit: str
    committed_at: datetime
    subject: str
    live: bool
    files: dict[str, bytes] = field(repr=False, compare=False)


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    git = shutil.which("git")
    if git is None:
        raise OSError("git is not installed")
    # no shell; the type and locale were checked against the template registry by the caller
    done = subprocess.run(  # noqa: S603
        [git, "-C", str(root), *args],
        input=data,
        capture_output=True,
        timeout=_TIMEOUT,
        check=True,
    )
    return done.stdout


def _paths(document_type: str, locale: str) -> list[str]:
    return [
        f"{document_type}/{locale}",
        SHARED_DIR,
        f"{LOCALE_DIR}/{locale}.yaml",
        f"{document_type}/{LAYOUT_NAME}",
    ]


def _files_at(root: Path, prefix: str, commit: str, paths: list[str]) -> dict[str, bytes]:
    """Return {path under the root: bytes} of the template's files at a commit."""
    listed = _git(root, "ls-tree", "-r", "--full-name", "--name-only", commit, "--", *paths)
    names = [
        name
        for name in listed.decode("utf-8").splitlines()
        if name.startswith(prefix) and not Path(name).name.startswith(".")
    ]
    if not names:
        return {}
    batch = _git(
        root, "cat-file", "--batch", data="".join(f"{commit}:{n}\n" for n in names).encode()
    )
    files: dict[str, bytes] = {}
    offset = 0
    for name in names:
        header_end = batch.index(b"\n", offset)
        size = int(batch[offset:header_end].split()[2])
        start = header_end + 1
        files[name[len(prefix) :]] = batch[start : start + size]
        offset = start + size + 1
    return files


@lru_cache(maxsize=64)
def _history(root: str, head: str, document_type: str, locale: str) -> tuple[CommittedVersion, ...]:
    """Return the distinct committed versions, newest first; cached per HEAD."""
    folder = Path(root)
    prefix = _git(folder, "rev-parse", "--show-prefix").decode().strip()
    paths = _paths(document_type, locale)
    log = _git(
        folder, "log", f"-n{HISTORY_LIMIT}", "--format=%H%x09%cI%x09%s", head, "--", *paths
    ).decode("utf-8")
    found: list[CommittedVersion] = []
    seen: set[str] = set()
    for line in log.splitlines():
        commit, when, subject = [*line.split("\t", 2), "", ""][:3]
        files = _files_at(folder, prefix, commit, paths)
        if not any(name.startswith(f"{paths[0]}/") for name in files):
            continue  # the template did not exist yet at this commit
        digest = version_digest(files)
        if digest in seen:
            continue
        seen.add(digest)
        live = not found
        found.append(
            CommittedVersion(digest, commit, datetime.fromisoformat(when), subject, live, files)
        )
    return tuple(found)


def committed_versions(root: Path, document_type: str, locale: str) -> list[CommittedVersion]:
    """Return the template's committed versions, HEAD's (the live one) first; [] without git."""
    try:
        head = _git(root, "rev-parse", "HEAD").decode().strip()
        return list(_history(str(root.resolve()), head, document_type, locale))
    except (subprocess.SubprocessError, OSError, ValueError, IndexError):
        return []  # not a git checkout, or git refused: only issued versions are offered


def committed_snapshot(
    root: Path, document_type: str, locale: str, version: str
) -> tuple[TemplateSnapshot, CommittedVersion] | None:
    """Return the snapshot of a committed version, or None."""
    for entry in committed_versions(root, document_type, locale):
        if entry.version == version:
            return TemplateSnapshot(document_type, locale, entry.files), entry
    return None
