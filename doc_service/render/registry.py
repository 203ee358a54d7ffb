"""The template registry: current templates compiled at start-up, pinned versions on demand."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.snapshot import TemplateSnapshot, discover, read_snapshot

_CACHE_SIZE = 64
_compiled: OrderedDict[tuple[str, str, str], CompiledTemplate] = OrderedDict()
_lock = threading.Lock()


def compile_snapshot(snapshot: TemplateSnapshot) -> CompiledTemplate:
    """Compile a template version once per process, whichever registry asks for it."""
    key = (snapshot.document_type, snapshot.locale, snapshot.version)
    with _lock:
        if key in _compiled:
            _compiled.move_to_end(key)
            return _compiled[key]
    compiled = CompiledTemplate(snapshot)  # outside the lock: compiling takes a while
    with _lock:
        _compiled[key] = compiled
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)
    return compiled


class UnknownTemplate(LookupError):
    """No template exists for this document type and locale (or version)."""


class TemplateRegistry:
    """Hold the current compiled template of every (type, locale); compile pinned ones on demand."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._current: dict[tuple[str, str], CompiledTemplate] = {}
        for document_type, locale in discover(root):
            snapshot = read_snapshot(root, document_type, locale)
            self._current[(document_type, locale)] = compile_snapshot(snapshot)

    def current(self, document_type: str, locale: str) -> CompiledTemplate:
        """Return the template issued documents use today."""
        try:
            return self._current[(document_type, locale)]
        except KeyError:
            raise UnknownTemplate(f"no template for {document_type}/{locale}") from None

    def all(self) -> list[CompiledTemplate]:
        """Return every current template, ordered by type then locale."""
        return [self._current[key] for key in sorted(self._current)]

    def locales_of(self, document_type: str) -> list[str]:
        """Return the locales one document type is available in."""
        return sorted(locale for kind, locale in self._current if kind == document_type)

    def pinned(self, snapshot: TemplateSnapshot) -> CompiledTemplate:
        """Return the compiled template of an exact stored version (reusing the current one)."""
        current = self._current.get((snapshot.document_type, snapshot.locale))
        if current is not None and current.version == snapshot.version:
            return current
        return compile_snapshot(snapshot)
