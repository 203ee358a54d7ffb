"""Turn an HTTP request into a validated document request: body, schema, locale."""

from __future__ import annotations

from flask import request

from doc_service.api.jsonbody import read_json_object
from doc_service.documents import DocumentRequest, InvalidRequest, build_request, validate_body
from doc_service.render.formats import ISSUABLE_FORMATS
from schemas import messages as msg
from schemas.catalogue import LOCALES

# The OpenAPI request body of every endpoint that takes a document request.
DOCUMENT_REQUEST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": "DocumentRequest"}},
}
# A document request that issues: only the formats a record can keep.
ISSUE_REQUEST_SCHEMA = {
    "allOf": [
        {"$ref": "#/components/schemas/DocumentRequest"},
        {"properties": {"format": {"type": "string", "enum": list(ISSUABLE_FORMATS)}}},
    ]
}
ISSUE_REQUEST_BODY = {
    "required": True,
    "content": {"application/json": {"schema": ISSUE_REQUEST_SCHEMA}},
}


def negotiate_locale(requested: str | None, supported: tuple[str, ...] = LOCALES) -> str:
    """Return the body's locale, else the best Accept-Language match, else a 422."""
    if requested:
        return requested
    match = request.accept_languages.best_match(supported)
    if match:
        return match
    raise InvalidRequest({"locale": [msg.NO_LOCALE.format(choices=", ".join(supported))]})


def load_document_request(*, formats: tuple[str, ...]) -> DocumentRequest:
    """Read, validate and complete the body of a render request; 4xx problems on bad input."""
    data = validate_body(read_json_object(request))
    if data["format"] not in formats:
        raise InvalidRequest({"format": [msg.ONE_OF.format(choices=", ".join(formats))]})
    return build_request(data, negotiate_locale(data.get("locale")))
