"""The Jinja environments templates run in: sandboxed, immutable, strict about missing values."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jinja2 import DictLoader, StrictUndefined, Template
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

# a paragraph's last characters that never stand alone on its last line (书。 under a full line)
_TAIL = 3


def page_counter_css(pattern: str) -> Markup:
    """Turn "第 {page} 页 共 {pages} 页" into a CSS ``content`` value with page counters."""
    parts: list[str] = []
    rest = pattern
    while rest:
        head, marker, rest = _next_counter(rest)
        if head:
            escaped = head.replace("\\", "\\\\").replace('"', '\\"').replace("<", "")
            parts.append(f'"{escaped}"')
        if marker:
            parts.append(f"counter({marker})")
    # built from template wording only, with quotes escaped and "<" removed
    return Markup(" ".join(parts))  # noqa: S704


def _next_counter(text: str) -> tuple[str, str, str]:
    """Split text at the first {page} or {pages} placeholder."""
    positions = [(text.find(f"{{{name}}}"), name) for name in ("pages", "page")]
    found = [(pos, name) for pos, name in positions if pos >= 0]
    if not found:
        return text, "", ""
    pos, name = min(found)
    return text[:pos], name, text[pos + len(name) + 2 :]


def keep_tail(text: str) -> Markup:
    """Keep the last characters of a paragraph on one line, so its last line is never one
    character and a full stop; the words are unchanged, only an unbreakable span is added."""
    text = str(text)
    head, tail = text[:-_TAIL], text[-_TAIL:]
    if len(text) <= _TAIL or " " in tail:
        return escape(text)
    return Markup('{}<span class="tail">{}</span>').format(head, tail)


class CachingSandbox(ImmutableSandboxedEnvironment):
    """A sandbox that compiles each distinct template source once (docxtpl asks per render)."""

    @lru_cache(maxsize=256)  # noqa: B019 — environments live as long as their template version
    def _compile_cached(self, source: str) -> Template:
        return super().from_string(source)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:
        """Return the compiled template for this source, compiling it on first use."""
        if globals is None and template_class is None and isinstance(source, str):
            return self._compile_cached(source)
        return super().from_string(source, globals, template_class)


def markup_environment(text_files: Mapping[str, str] | None = None) -> CachingSandbox:
    """Build the autoescaping sandbox for HTML and DOCX (XML) templates."""
    env = CachingSandbox(
        loader=DictLoader(dict(text_files or {})),
        autoescape=True,
        undefined=StrictUndefined,
    )
    env.filters["page_counter_css"] = page_counter_css
    env.filters["keep_tail"] = keep_tail
    return env


def text_environment() -> ImmutableSandboxedEnvironment:
    """Build the sandbox for clause texts, which produce plain strings escaped later."""
    return ImmutableSandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
