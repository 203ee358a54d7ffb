"""Compare two versions of a template: render one case with both, diff the text by sentence."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from marshmallow import ValidationError
from sqlalchemy import select

from doc_service.audit import canonical_payload, load_template_files
from doc_service.audit.models import TemplateVersion
from doc_service.problems import Problem, validation_problem
from doc_service.render import RenderJob
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.formats import HTML
from doc_service.render.registry import UnknownTemplate
from doc_service.render.snapshot import TemplateSnapshot, template_id
from doc_service.rendering import render_bounded
from schemas import DocumentRequestSchema, flatten_errors
from schemas import messages as msg
from schemas.messages import N_

if TYPE_CHECKING:
    from doc_service.services import Services

_SCHEMA = DocumentRequestSchema()
VERSION_KEYS = ("base_version", "head_version")
_DIGEST = re.compile(r"[0-9a-f]{64}")
NO_SUCH_VERSION = "no version of this template with this digest is kept"
NOT_RENDERABLE = "this version cannot render the case: {reason}"


@dataclass(frozen=True)
class ComparisonRequest:
    """A validated comparison: one case, one template, two versions (head None: current)."""

    document_type: str
    locale: str | None
    case: dict[str, Any]
    base_version: str
    head_version: str | None


@dataclass(frozen=True)
class KnownVersion:
    """A version of a template: its digest, when it was first used, whether it is today's."""

    version: str
    first_used_at: datetime | None
    current: bool

    def as_dict(self) -> dict[str, Any]:
        """Return the version as the API shows it."""
        used = self.first_used_at
        return {
            "version": self.version,
            "first_used_at": used.isoformat().replace("+00:00", "Z") if used else None,
            "current": self.current,
        }


def _current(services: Services, document_type: str, locale: str) -> CompiledTemplate:
    """Return today's template, or a 404 problem."""
    try:
        return services.templates.current(document_type, locale)
    except UnknownTemplate:
        raise Problem(
            404, "not-found", N_("No such template"), f"no template {document_type}/{locale}"
        ) from None


def list_versions(services: Services, *, document_type: str, locale: str) -> list[KnownVersion]:
    """Return today's version first, then every pinned version, newest first."""
    current = _current(services, document_type, locale)
    with services.sessions() as session:
        rows = session.execute(
            select(TemplateVersion.version, TemplateVersion.first_used_at)
            .where(TemplateVersion.template_id == template_id(document_type, locale))
            .order_by(TemplateVersion.first_used_at.desc(), TemplateVersion.version)
        ).all()
    used = {version: first_used_at for version, first_used_at in rows}
    versions = [KnownVersion(current.version, used.get(current.version), current=True)]
    versions += [
        KnownVersion(version, first_used_at, current=False)
        for version, first_used_at in rows
        if version != current.version
    ]
    return versions


def parse_comparison(body: dict[str, Any]) -> ComparisonRequest:
    """Validate a comparison body with the preview schemas; a 422 names every bad field."""
    rest = {key: value for key, value in body.items() if key not in VERSION_KEYS}
    errors: dict[str, list[str]] = {}
    for key in VERSION_KEYS:
        value = body.get(key)
        if value is None and key == "head_version":
            continue
        if value is None:
            errors[key] = [msg.MISSING]
        elif not isinstance(value, str) or not _DIGEST.fullmatch(value):
            errors[key] = [msg.PATTERN.format(description="64 lowercase hex digits")]
    if "format" in rest:
        errors["format"] = ["Unknown field."]
    data: dict[str, Any] = {}
    try:
        data = _SCHEMA.load({**rest, "format": HTML})
    except ValidationError as exc:
        errors.update(flatten_errors(exc.normalized_messages()))
    if errors:
        raise validation_problem(errors)
    return ComparisonRequest(
        document_type=data["document_type"],
        locale=data.get("locale"),
        case=data["case"],
        base_version=body["base_version"],
        head_version=body.get("head_version"),
    )


def _template_at(
    services: Services, request: ComparisonRequest, locale: str, field: str, version: str
) -> tuple[CompiledTemplate, KnownVersion]:
    """Return the compiled template of one version: today's, or a pinned one from the store."""
    current = _current(services, request.document_type, locale)
    if version == current.version:
        return current, KnownVersion(version, None, current=True)
    identifier = template_id(request.document_type, locale)
    with services.sessions() as session:
        row = session.get(TemplateVersion, (identifier, version))
        if row is None:
            raise validation_problem({field: [NO_SUCH_VERSION]}, title="Unknown template version")
        first_used_at = row.first_used_at
        files = load_template_files(session, services.blobs, identifier, version)
    snapshot = TemplateSnapshot(request.document_type, locale, files)
    try:
        template = services.templates.pinned(snapshot)
    except Exception as exc:  # an old version the current code cannot compile is a verdict
        reason = type(exc).__name__
        raise validation_problem({field: [NOT_RENDERABLE.format(reason=reason)]}) from exc
    return template, KnownVersion(version, first_used_at, current=False)


def _render_text(
    services: Services,
    template: CompiledTemplate,
    request: ComparisonRequest,
    locale: str,
    field: str,
) -> list[str]:
    """Render the case with one template as HTML and return its sentences."""
    _, payload_sha256 = canonical_payload(request.case)
    job = RenderJob(
        document_type=request.document_type,
        format=HTML,
        locale=locale,
        case=request.case,
        payload_sha256=payload_sha256,
        specimen=True,
    )
    try:
        html = render_bounded(services, template, job).content.decode("utf-8")
    except Problem:
        raise  # the time limit's 503 stays a 503
    except Exception as exc:  # e.g. an old template that expects fields the case lacks
        reason = type(exc).__name__
        raise validation_problem({field: [NOT_RENDERABLE.format(reason=reason)]}) from exc
    return sentences(document_lines(html))


def compare(services: Services, request: ComparisonRequest, *, locale: str) -> dict[str, Any]:
    """Render the case with both versions and return the sentence-level diff of their text."""
    head_version = request.head_version or _current(services, request.document_type, locale).version
    base, base_info = _template_at(services, request, locale, "base_version", request.base_version)
    head, head_info = _template_at(services, request, locale, "head_version", head_version)
    rows = diff_rows(
        _render_text(services, base, request, locale, "base_version"),
        _render_text(services, head, request, locale, "head_version"),
    )
    stats = {op: sum(1 for row in rows if row["op"] == op) for op in OPS}
    return {
        "template_id": template_id(request.document_type, locale),
        "document_type": request.document_type,
        "locale": locale,
        "base": base_info.as_dict(),
        "head": head_info.as_dict(),
        "identical": stats["equal"] == len(rows),
        "stats": stats,
        "rows": rows,
    }


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
