"""The template registry: current templates compiled at start-up, pinned versions on demand."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.snapshot import TemplateSnapshot, discover, read_snapshot


class UnknownTemplate(LookupError):
    """No template exists for this document type and locale (or version)."""


class TemplateRegistry:
    """Hold one compiled template per (type, locale) and a few older versions for rebuilds."""

    def __init__(self, root: Path, *, pinned_cache_size: int = 16) -> None:
        self.root = root
        self._current: dict[tuple[str, str], CompiledTemplate] = {}
        for document_type, locale in discover(root):
            snapshot = read_snapshot(root, document_type, locale)
            self._current[(document_type, locale)] = CompiledTemplate(snapshot)
        self._pinned: OrderedDict[str, CompiledTemplate] = OrderedDict()
        self._pinned_size = pinned_cache_size
        self._lock = threading.Lock()

    def current(self, document_type: str, locale: str) -> CompiledTemplate:
        """Return the template issued documents use today."""
        try:
            return self._current[(document_type, locale)]
        except KeyError:
            raise UnknownTemplate(f"no template for {document_type}/{locale}") from None

    def all(self) -> list[CompiledTemplate]:
        """Return every current template, ordered by type then locale."""
        return [self._current[key] for key in sorted(self._current)]

    def locales(self) -> list[str]:
        """Return the locales at least one template exists for."""
        return sorted({locale for _, locale in self._current})

    def locales_of(self, document_type: str) -> list[str]:
        """Return the locales one document type is available in."""
        return sorted(locale for kind, locale in self._current if kind == document_type)

    def pinned(self, snapshot: TemplateSnapshot) -> CompiledTemplate:
        """Return the compiled template of an exact stored version (reusing the current one)."""
        current = self._current.get((snapshot.document_type, snapshot.locale))
        version = snapshot.version
        if current is not None and current.version == version:
            return current
        with self._lock:
            if version in self._pinned:
                self._pinned.move_to_end(version)
                return self._pinned[version]
        compiled = CompiledTemplate(snapshot)
        with self._lock:
            self._pinned[version] = compiled
            while len(self._pinned) > self._pinned_size:
                self._pinned.popitem(last=False)
        return compiled
