"""Turn an HTTP request into a validated document request: body, schema, locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from marshmallow import ValidationError

from doc_service.jsonbody import read_json_object
from doc_service.problems import validation_problem
from schemas import DocumentRequestSchema, flatten_errors
from schemas.enums import LOCALES

_SCHEMA = DocumentRequestSchema()


@dataclass(frozen=True)
class DocumentRequest:
    """A validated request: which document, in which format and locale, for which case."""

    document_type: str
    format: str
    locale: str
    case: dict[str, Any]


def negotiate_locale(requested: str | None, supported: tuple[str, ...] = LOCALES) -> str:
    """Return the body's locale, else the best Accept-Language match, else a 422."""
    if requested:
        return requested
    match = request.accept_languages.best_match(supported)
    if match:
        return match
    raise validation_problem(
        {"locale": [f"give a locale, or an Accept-Language among: {', '.join(supported)}"]}
    )


def response_language() -> str:
    """Return the language of messages for this request: zh or en, from Accept-Language."""
    match = request.accept_languages.best_match(["zh", "zh-CN", "en"], default="en")
    return "zh" if match.startswith("zh") else "en"


def load_document_request(*, formats: tuple[str, ...]) -> DocumentRequest:
    """Read, validate and complete the body of a render request; 4xx problems on bad input."""
    body = read_json_object(request)
    try:
        data = _SCHEMA.load(body)
    except ValidationError as exc:
        raise validation_problem(flatten_errors(exc.normalized_messages())) from exc
    if data["format"] not in formats:
        raise validation_problem({"format": [f"must be one of: {', '.join(formats)}"]})
    locale = negotiate_locale(data.get("locale"))
    return DocumentRequest(data["document_type"], data["format"], locale, data["case"])
