"""Template snapshots: the exact files of one (document type, locale) and their version digest."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rfc8785

SHARED_DIR = "_shared"
LOCALE_DIR = "_locale"
HTML_NAME = "document.html"
DOCX_NAME = "document.docx"
CLAUSES_NAME = "clauses.yaml"
LAYOUT_NAME = "layout.html"


def template_id(document_type: str, locale: str) -> str:
    """Name a template the way records and URLs do: ``lawyer_letter/zh-CN``."""
    return f"{document_type}/{locale}"


def version_digest(files: Mapping[str, bytes]) -> str:
    """Return sha256 of the canonical manifest {path: sha256}: any edit, addition or removal
    changes it, and it equals the hash of the manifest the audit store pins."""
    listing = {path: hashlib.sha256(data).hexdigest() for path, data in files.items()}
    return hashlib.sha256(rfc8785.dumps(listing)).hexdigest()


@dataclass(frozen=True)
class TemplateSnapshot:
    """Every file one template renders from, keyed by its path under templates/legal."""

    document_type: str
    locale: str
    files: Mapping[str, bytes] = field(repr=False)

    @property
    def id(self) -> str:
        """Return the template id, e.g. ``dunning_letter/zh-CN``."""
        return template_id(self.document_type, self.locale)

    @property
    def version(self) -> str:
        """Return the digest that pins this exact set of files."""
        return version_digest(self.files)

    @property
    def folder(self) -> str:
        """Return the template's own folder under templates/legal."""
        return f"{self.document_type}/{self.locale}"

    def text(self, path: str) -> str:
        """Return a text file of the snapshot."""
        return self.files[path].decode("utf-8")


def read_snapshot(root: Path, document_type: str, locale: str) -> TemplateSnapshot:
    """Collect the template's folder, its type's layout, the shared files and common wording."""
    wanted = [root / document_type / locale, root / SHARED_DIR]
    files: dict[str, bytes] = {}
    for base in wanted:
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(root).as_posix()] = path.read_bytes()
    for single in (root / LOCALE_DIR / f"{locale}.yaml", root / document_type / LAYOUT_NAME):
        if single.is_file():
            files[single.relative_to(root).as_posix()] = single.read_bytes()
    return TemplateSnapshot(document_type, locale, files)


def discover(root: Path) -> list[tuple[str, str]]:
    """List every (document type, locale) folder that holds both renditions."""
    found = []
    for html in sorted(root.glob(f"*/*/{HTML_NAME}")):
        folder = html.parent
        if (folder / DOCX_NAME).is_file() and not folder.parent.name.startswith("_"):
            found.append((folder.parent.name, folder.name))
    return found
