"""Clause texts: the wording of one locale, written once and placed by both renditions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import yaml
from jinja2 import Template

from doc_service.render.sandbox import text_environment


def join_lines(text: str, locale: str) -> str:
    """Join a clause's source lines: Chinese has no spaces between them, English one."""
    joiner = " " if locale.startswith("en") else ""
    return joiner.join(line.strip() for line in text.splitlines() if line.strip())


class ClauseSet:
    """Compiled clause texts of one template version; render() fills them with a case."""

    def __init__(self, sources: list[str], locale: str) -> None:
        merged: dict[str, Any] = {}
        for source in sources:
            merged.update(yaml.safe_load(source) or {})
        self.raw = merged
        env = text_environment()
        self._compiled = _compile(merged, locale, env)

    def render(self, values: dict[str, Any]) -> LazyClauses:
        """Return the clauses for this case, each rendered when a template first places it."""
        return LazyClauses(self._compiled, values)


def _compile(node: Any, locale: str, env: Any) -> Any:
    """Compile every string of a clause tree into a sandboxed template."""
    if isinstance(node, str):
        return env.from_string(join_lines(node, locale))
    if isinstance(node, list):
        return [_compile(item, locale, env) for item in node]
    if isinstance(node, dict):
        return {str(key): _compile(value, locale, env) for key, value in node.items()}
    return node


class LazyClauses(Mapping[str, Any]):
    """Clause texts rendered on first use: a document renders only the clauses it places,
    so a locale-wide clause about, say, the law firm never runs for a dunning letter."""

    def __init__(self, compiled: dict[str, Any], values: dict[str, Any]) -> None:
        self._compiled = compiled
        self._values = values
        self._done: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        if key not in self._done:
            node = self._compiled[key]
            nested = isinstance(node, dict)
            self._done[key] = (
                LazyClauses(node, self._values) if nested else _render(node, self._values)
            )
        return self._done[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._compiled)

    def using(self, **extra: Any) -> LazyClauses:
        """Return these clauses rendered with more values: one party's, one letter's."""
        return LazyClauses(self._compiled, {**self._values, **extra})

    def __len__(self) -> int:
        return len(self._compiled)


def _render(node: Any, values: dict[str, Any]) -> Any:
    """Render a compiled clause tree with the formatted case."""
    if isinstance(node, Template):
        return node.render(values)
    if isinstance(node, list):
        return [_render(item, values) for item in node]
    if isinstance(node, dict):
        return {key: _render(value, values) for key, value in node.items()}
    return node


def page_number_parts(pattern: str) -> list[str]:
    """Split "第 {page} 页 共 {pages} 页" into the texts around the two page fields of a DOCX."""
    before, _, rest = pattern.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    return [before, middle, after]
