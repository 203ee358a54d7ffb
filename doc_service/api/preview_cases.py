"""Named test cases of the preview page, per reviewer key: list, load, save, delete."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from doc_service.api.auth import current_principal, requires
from doc_service.api.current import services
from doc_service.api.jsonbody import read_json_object
from doc_service.api.problems import Problem
from doc_service.documents.saved_cases import (
    NAME_LIMIT,
    check_name,
    delete_saved,
    get_saved,
    list_saved,
    parse_saved,
    put_saved,
)
from doc_service.i18n import N_
from schemas.catalogue import DOCUMENT_TYPES
from schemas.openapi import without_category

blp = Blueprint(
    "preview_cases",
    __name__,
    url_prefix="/v1/preview-cases",
    description="Named test cases of the preview page, kept per reviewer key",
)

SAVED_CASE_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["document_type", "case"],
                "additionalProperties": False,
                "properties": {
                    "document_type": {"type": "string", "enum": list(DOCUMENT_TYPES)},
                    "case": {"type": "object", "description": "the case; drafts may be invalid"},
                },
            }
        }
    },
}


class SavedCaseSchema(Schema):
    """A saved case: name, the document type it was written for, when, and the case."""

    name = fields.String()
    document_type = fields.String()
    updated_at = fields.String(metadata={"description": "when it was last saved (UTC)"})
    case = fields.Dict(metadata={"description": "absent in the list"})


class SavedCaseListSchema(Schema):
    """The caller's saved cases, most recently saved first (without the cases themselves)."""

    cases = fields.List(fields.Nested(SavedCaseSchema))


_SAVED_JSON = {"application/json": {"schema": SavedCaseSchema}}
# check_name: 1 to NAME_LIMIT characters, none a control, format or unassigned one (category C)
NAME_PARAMETER = {
    "in": "path",
    "name": "name",
    "required": True,
    "schema": {"type": "string", "pattern": without_category("C", max_length=NAME_LIMIT)},
}


def _owner() -> str:
    """Return the key the cases belong to: each reviewer key sees only its own."""
    return current_principal().name


def _not_found(name: str) -> Problem:
    return Problem(404, "not-found", N_("Not Found"), f"no saved case {name[:120]!r}")


@blp.route("")
class SavedCaseList(MethodView):
    """The caller's saved cases."""

    @requires("reviewer")
    @blp.response(200, SavedCaseListSchema)
    def get(self) -> dict[str, Any]:
        """List the names, document types and save times of the caller's cases."""
        return {"cases": [c.as_dict(with_case=False) for c in list_saved(services(), _owner())]}


@blp.route("/<path:name>", parameters=[NAME_PARAMETER])
class SavedCaseItem(MethodView):
    """One saved case."""

    @requires("reviewer")
    @blp.response(200, SavedCaseSchema)
    def get(self, name: str) -> dict[str, Any]:
        """Return a saved case."""
        found = get_saved(services(), _owner(), check_name(name))
        if found is None:
            raise _not_found(name)
        return found.as_dict()

    @requires("reviewer")
    @blp.doc(
        requestBody=SAVED_CASE_BODY,
        responses={
            "200": {"description": "replaced", "content": _SAVED_JSON},
            "201": {"description": "saved", "content": _SAVED_JSON},
        },
    )
    def put(self, name: str) -> Response:
        """Save a case under a name, replacing one of that name."""
        check_name(name)
        document_type, case = parse_saved(read_json_object(request))
        saved, created = put_saved(services(), _owner(), name, document_type, case)
        response = Response(status=201 if created else 200, mimetype="application/json")
        response.set_data(json.dumps(saved.as_dict(), ensure_ascii=False))
        return response

    @requires("reviewer")
    @blp.doc(responses={"204": {"description": "deleted"}})
    def delete(self, name: str) -> Response:
        """Delete a saved case."""
        if not delete_saved(services(), _owner(), check_name(name)):
            raise _not_found(name)
        return Response(status=204)
