"""Turn an HTTP request into a validated document request: body, schema, locale."""

from __future__ import annotations

from flask import request

from doc_service.api.jsonbody import read_json_object
from doc_service.documents import DocumentRequest, InvalidRequest, validate_body
from doc_service.i18n import N_
from schemas import messages as msg
from schemas.catalogue import LOCALES

# The OpenAPI request body of every endpoint that takes a document request.
DOCUMENT_REQUEST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": "DocumentRequest"}},
}


def negotiate_locale(requested: str | None, supported: tuple[str, ...] = LOCALES) -> str:
    """Return the body's locale, else the best Accept-Language match, else a 422."""
    if requested:
        return requested
    match = request.accept_languages.best_match(supported)
    if match:
        return match
    message = N_("give a locale, or an Accept-Language among: {choices}")
    raise InvalidRequest({"locale": [message.format(choices=", ".join(supported))]})


def load_document_request(*, formats: tuple[str, ...]) -> DocumentRequest:
    """Read, validate and complete the body of a render request; 4xx problems on bad input."""
    data = validate_body(read_json_object(request))
    if data["format"] not in formats:
        raise InvalidRequest({"format": [msg.ONE_OF.format(choices=", ".join(formats))]})
    locale = negotiate_locale(data.get("locale"))
    return DocumentRequest(
        data["document_type"], data["format"], locale, data["case"], data.get("pdf_variant")
    )
