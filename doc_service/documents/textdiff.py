"""Text of a rendered HTML document, split into sentences, and a sentence-level diff of two."""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from typing import Any

# -- text of a rendered document -------------------------------------------------------------

_BLOCKS = {
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "section", "table", "tbody",
    "thead", "tr", "ul",
}  # fmt: skip
_CELLS = {"td", "th"}
_HIDDEN = {"head", "style", "script", "title"}
_SKIPPED_CLASSES = {"specimen"}  # the watermark is the same on both sides


class _TextExtractor(HTMLParser):
    """Collect the visible text of a document, one line per block, table cells joined by " | "."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._hidden: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if self._hidden or tag in _HIDDEN or classes & _SKIPPED_CLASSES:
            if tag not in {"br", "hr", "meta", "link", "img"}:
                self._hidden.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        elif tag in _CELLS and "".join(self._line).strip():
            self._line.append("\t")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag == self._hidden[-1]:
                self._hidden.pop()
            return
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._line.append(data)

    def _flush(self) -> None:
        cells = (" ".join(cell.split()) for cell in "".join(self._line).split("\t"))
        text = " | ".join(cell for cell in cells if cell)
        if text:
            self.lines.append(text)
        self._line = []

    def close(self) -> None:
        super().close()
        self._flush()


def document_lines(html: str) -> list[str]:
    """Return the visible text of an HTML document, one line per block element."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return extractor.lines


# after CJK full stops (no space follows them) or after . ! ? ; followed by a space
_SENTENCE_END = re.compile(r"(?<=[。！？；])(?=.)|(?<=[.!?;])\s+(?=[\"“‘(A-Z0-9])")


def sentences(lines: list[str]) -> list[str]:
    """Split lines into sentences, so a diff names the one sentence that changed."""
    found: list[str] = []
    for line in lines:
        found.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return found


# -- the diff --------------------------------------------------------------------------------

OPS = ("equal", "replace", "delete", "insert")
_TOKENS = re.compile(r"[A-Za-z0-9]+|\s+|.", re.S)


def _append(segments: list[dict[str, str]], op: str, text: str) -> None:
    """Add a run of text, joining it to the previous run of the same kind."""
    if segments and segments[-1]["op"] == op:
        segments[-1]["text"] += text
    else:
        segments.append({"op": op, "text": text})


def _segments(base: str, head: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Return the words (Latin) or characters (CJK) each side of a changed sentence holds."""
    a, b = _TOKENS.findall(base), _TOKENS.findall(head)
    left: list[dict[str, str]] = []
    right: list[dict[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _append(left, "equal", "".join(a[i1:i2]))
            _append(right, "equal", "".join(b[j1:j2]))
            continue
        if i2 > i1:
            _append(left, "delete", "".join(a[i1:i2]))
        if j2 > j1:
            _append(right, "insert", "".join(b[j1:j2]))
    return left, right


def _row(op: str, base: str | None, head: str | None) -> dict[str, Any]:
    """Return one row of the side-by-side diff."""
    row: dict[str, Any] = {"op": op, "base": base, "head": head}
    if op == "replace" and base is not None and head is not None:
        row["base_segments"], row["head_segments"] = _segments(base, head)
    return row


def diff_rows(base: list[str], head: list[str]) -> list[dict[str, Any]]:
    """Align two lists of sentences with difflib: equal, replaced, deleted, inserted rows."""
    rows: list[dict[str, Any]] = []
    matcher = difflib.SequenceMatcher(None, base, head, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(_row("equal", text, text) for text in base[i1:i2])
        elif op == "delete":
            rows.extend(_row("delete", text, None) for text in base[i1:i2])
        elif op == "insert":
            rows.extend(_row("insert", None, text) for text in head[j1:j2])
        else:
            old, new = base[i1:i2], head[j1:j2]
            paired = min(len(old), len(new))
            pairs = zip(old[:paired], new[:paired], strict=True)
            rows.extend(_row("replace", a, b) for a, b in pairs)
            rows.extend(_row("delete", text, None) for text in old[paired:])
            rows.extend(_row("insert", None, text) for text in new[paired:])
    return rows
