"""Compare two versions of a template: render one case with both, diff the text by sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from doc_service.audit import load_template_files
from doc_service.audit.models import TemplateVersion
from doc_service.documents.errors import (
    InvalidRequest,
    RenderUnavailable,
    TemplateNotFound,
)
from doc_service.documents.rendering import render_bounded
from doc_service.documents.request import DocumentRequest, validate_body
from doc_service.documents.template_history import (
    CommittedVersion,
    committed_snapshot,
    committed_versions,
)
from doc_service.documents.textdiff import OPS, diff_rows, document_lines, sentences
from doc_service.i18n import N_
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.formats import HTML
from doc_service.render.registry import UnknownTemplate
from doc_service.render.snapshot import TemplateSnapshot, template_id
from schemas import messages as msg

if TYPE_CHECKING:
    from doc_service.services import Services

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


def _instant(moment: datetime | None) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


@dataclass(frozen=True)
class KnownVersion:
    """A version of a template: its digest, when it was first used, whether it is today's,
    and, when the template folder is a git checkout, the commit that left it so."""

    version: str
    first_used_at: datetime | None
    current: bool
    committed_at: datetime | None = None
    subject: str | None = None
    live: bool = False

    def as_dict(self) -> dict[str, Any]:
        """Return the version as the API shows it."""
        return {
            "version": self.version,
            "first_used_at": _instant(self.first_used_at),
            "current": self.current,
            "committed_at": _instant(self.committed_at),
            "subject": self.subject,
            "live": self.live,
        }


def _current(services: Services, document_type: str, locale: str) -> CompiledTemplate:
    """Return today's template, or TemplateNotFound."""
    try:
        return services.templates.current(document_type, locale)
    except UnknownTemplate:
        raise TemplateNotFound(document_type, locale) from None


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
    committed = {
        entry.version: entry
        for entry in committed_versions(services.templates.root, document_type, locale)
    }
    versions = [_known(current.version, used, committed, current=True)]
    # the working tree first; then every other version, committed or issued, newest first
    others = [_known(v, used, committed, current=False) for v in committed] + [
        _known(v, used, committed, current=False) for v, _ in rows if v not in committed
    ]
    others = [entry for entry in others if entry.version != current.version]
    others.sort(key=lambda entry: _newest(entry), reverse=True)
    return versions + others


def _known(
    version: str,
    used: dict[str, datetime],
    committed: dict[str, CommittedVersion],
    *,
    current: bool,
) -> KnownVersion:
    entry = committed.get(version)
    return KnownVersion(
        version,
        used.get(version),
        current=current,
        committed_at=entry.committed_at if entry else None,
        subject=entry.subject if entry else None,
        live=entry.live if entry else False,
    )


def _newest(entry: KnownVersion) -> datetime:
    moments = [m for m in (entry.committed_at, entry.first_used_at) if m is not None]
    return max(moments) if moments else datetime.min.replace(tzinfo=UTC)


def parse_comparison(body: dict[str, Any]) -> ComparisonRequest:
    """Validate a comparison body with the preview schemas; InvalidRequest names every bad field."""
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
        data = validate_body({**rest, "format": HTML})
    except InvalidRequest as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRequest(errors)
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
    info: KnownVersion
    with services.sessions() as session:
        row = session.get(TemplateVersion, (identifier, version))
        if row is not None:
            files = load_template_files(session, services.blobs, identifier, version)
            snapshot = TemplateSnapshot(request.document_type, locale, files)
            info = KnownVersion(version, row.first_used_at, current=False)
    if row is None:
        found = committed_snapshot(services.templates.root, request.document_type, locale, version)
        if found is None:
            raise InvalidRequest({field: [NO_SUCH_VERSION]}, title=N_("Unknown template version"))
        snapshot, entry = found
        info = KnownVersion(
            version, None, False, entry.committed_at, entry.subject, live=entry.live
        )
    try:
        template = services.templates.pinned(snapshot)
    except Exception as exc:  # an old version the current code cannot compile is a verdict
        reason = type(exc).__name__
        raise InvalidRequest({field: [NOT_RENDERABLE.format(reason=reason)]}) from exc
    return template, info


def _render_text(
    services: Services,
    template: CompiledTemplate,
    request: ComparisonRequest,
    locale: str,
    field: str,
) -> list[str]:
    """Render the case with one template as HTML and return its sentences."""
    job = DocumentRequest(request.document_type, HTML, locale, request.case).render_job(
        specimen=True
    )
    try:
        html = render_bounded(services, template, job).content.decode("utf-8")
    except RenderUnavailable:
        raise  # out of time or memory: the caller may retry, it is not a verdict on the version
    except Exception as exc:  # e.g. an old template that expects fields the case lacks
        reason = type(exc).__name__
        raise InvalidRequest({field: [NOT_RENDERABLE.format(reason=reason)]}) from exc
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
