"""A validated document request, and the one recipe from a request body to a render job."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from marshmallow import ValidationError

from doc_service.audit.records import canonical_payload
from doc_service.documents.errors import InvalidRequest
from doc_service.render import RenderJob
from doc_service.render.editions import english_gaps
from doc_service.telemetry.tracing import span
from schemas import DocumentRequestSchema, flatten_errors

_SCHEMA = DocumentRequestSchema()


@dataclass(frozen=True)
class DocumentRequest:
    """A validated request: which document, in which format and locale, for which case."""

    document_type: str
    format: str
    locale: str
    case: dict[str, Any] = field(repr=False)
    pdf_variant: str | None = None

    @cached_property
    def canonical(self) -> tuple[str, str]:
        """Return the canonical JSON of the case and its SHA-256 (what the record stores)."""
        return canonical_payload(self.case)

    @property
    def payload_sha256(self) -> str:
        """Return the SHA-256 of the canonical case."""
        return self.canonical[1]

    def render_job(self, *, specimen: bool = False, notes: tuple[str, ...] = ()) -> RenderJob:
        """Describe the render of this request."""
        return RenderJob(
            document_type=self.document_type,
            format=self.format,
            locale=self.locale,
            case=self.case,
            payload_sha256=self.payload_sha256,
            specimen=specimen,
            notes=notes,
            # specimens stay plain PDFs: only issued documents carry the case inside
            pdf_variant=None if specimen or self.format != "pdf" else self.pdf_variant,
            payload_json=self.canonical[0],
        )


def validate_body(body: dict[str, Any]) -> dict[str, Any]:
    """Load a request body through the schema; InvalidRequest names every bad field."""
    with span("validate"):
        try:
            return _SCHEMA.load(body)
        except ValidationError as exc:
            raise InvalidRequest(flatten_errors(exc.normalized_messages())) from exc


def build_request(data: dict[str, Any], locale: str, *, new: bool = True) -> DocumentRequest:
    """Complete validated data with its locale; a new document's edition must be printable.

    Free text an English edition cannot print in English is refused (InvalidRequest), never
    printed in Chinese; ``new=False`` rebuilds a stored document as it was issued.
    """
    if new and (gaps := english_gaps(data["case"], locale)):
        raise InvalidRequest(gaps)
    return DocumentRequest(
        data["document_type"], data["format"], locale, data["case"], data.get("pdf_variant")
    )


def load_request(
    body: dict[str, Any], *, locale: str | None = None, new: bool = True
) -> DocumentRequest:
    """Validate a body into a DocumentRequest; ``locale`` fills one the body leaves out."""
    data = validate_body(body)
    chosen = data.get("locale") or locale
    if chosen is None:
        raise ValueError("a locale is needed: negotiate one before loading the request")
    return build_request(data, chosen, new=new)
