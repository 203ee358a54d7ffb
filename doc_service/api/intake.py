"""Turn an HTTP request into a validated document request: body, schema, locale."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from marshmallow import ValidationError

from doc_service.context.editions import english_gaps
from doc_service.jsonbody import read_json_object
from doc_service.problems import validation_problem
from schemas import DocumentRequestSchema, flatten_errors
from schemas import messages as msg
from schemas.enums import LOCALES
from schemas.messages import N_

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
    message = N_("give a locale, or an Accept-Language among: {choices}")
    raise validation_problem({"locale": [message.format(choices=", ".join(supported))]})


def load_document_request(*, formats: tuple[str, ...]) -> DocumentRequest:
    """Read, validate and complete the body of a render request; 4xx problems on bad input."""
    body = read_json_object(request)
    try:
        data = _SCHEMA.load(body)
    except ValidationError as exc:
        raise validation_problem(flatten_errors(exc.normalized_messages())) from exc
    if data["format"] not in formats:
        raise validation_problem({"format": [msg.ONE_OF.format(choices=", ".join(formats))]})
    locale = negotiate_locale(data.get("locale"))
    # free text an English edition cannot print in English is a 422, never Chinese in the letter
    gaps = english_gaps(data["case"], locale)
    if gaps:
        raise validation_problem(gaps)
    return DocumentRequest(data["document_type"], data["format"], locale, data["case"])
