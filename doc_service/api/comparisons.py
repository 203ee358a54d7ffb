"""Template versions and their comparison: which versions exist, and what changed between two."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.intake import negotiate_locale
from doc_service.api.jsonbody import read_json_object
from doc_service.api.params import TEMPLATE_KEY_PARAMETERS, template_key
from doc_service.documents.comparison import compare, list_versions, parse_comparison
from schemas.catalogue import DOCUMENT_TYPES, LOCALES

blp = Blueprint(
    "comparisons",
    __name__,
    url_prefix="/v1",
    description="Template versions, and the same case rendered with two of them",
)


class VersionSchema(Schema):
    """One version of a template."""

    version = fields.String(metadata={"description": "hex digest of the template's files"})
    first_used_at = fields.String(
        allow_none=True,
        metadata={"description": "when a document was first issued with it; null if never"},
    )
    current = fields.Boolean(metadata={"description": "the version documents are issued with"})
    committed_at = fields.String(
        allow_none=True,
        metadata={"description": "when the template folder's git history committed it; else null"},
    )
    subject = fields.String(allow_none=True, metadata={"description": "that commit's subject"})
    live = fields.Boolean(metadata={"description": "the version HEAD holds (what is deployed)"})


class VersionListSchema(Schema):
    """Every version the service can render: the working tree's first, then committed or
    issued versions, newest first."""

    versions = fields.List(fields.Nested(VersionSchema))


class SegmentSchema(Schema):
    """A run of words or characters in a changed sentence."""

    op = fields.String(metadata={"enum": ["equal", "delete", "insert"]})
    text = fields.String()


class DiffRowSchema(Schema):
    """One aligned pair of sentences."""

    op = fields.String(metadata={"enum": ["equal", "replace", "delete", "insert"]})
    base = fields.String(allow_none=True)
    head = fields.String(allow_none=True)
    base_segments = fields.List(fields.Nested(SegmentSchema))
    head_segments = fields.List(fields.Nested(SegmentSchema))


class ComparisonSchema(Schema):
    """The text of one case under two template versions, aligned sentence by sentence."""

    template_id = fields.String()
    document_type = fields.String()
    locale = fields.String()
    base = fields.Nested(VersionSchema)
    head = fields.Nested(VersionSchema)
    identical = fields.Boolean()
    stats = fields.Dict(keys=fields.String(), values=fields.Integer())
    rows = fields.List(fields.Nested(DiffRowSchema))


_DIGEST_SCHEMA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
COMPARISON_REQUEST = {
    "type": "object",
    "required": ["document_type", "case", "base_version"],
    "additionalProperties": False,
    "properties": {
        "document_type": {"type": "string", "enum": list(DOCUMENT_TYPES)},
        "locale": {
            "type": ["string", "null"],
            "enum": [*LOCALES, None],
            "description": "absent: negotiated from Accept-Language",
        },
        "pdf_variant": {"type": ["string", "null"], "enum": ["pdf/a-3u", None]},
        "case": {
            "allOf": [{"$ref": "#/components/schemas/Case"}],
            "description": "the case payload, as for POST /v1/previews",
        },
        "base_version": {**_DIGEST_SCHEMA, "description": "a version listed by …/versions"},
        "head_version": {
            "type": ["string", "null"],
            "pattern": _DIGEST_SCHEMA["pattern"],
            "description": "absent or null: the current version",
        },
    },
}


@blp.route("/templates/<document_type>/<locale>/versions", parameters=TEMPLATE_KEY_PARAMETERS)
class TemplateVersions(MethodView):
    """The versions of one template."""

    @requires("reviewer")
    @blp.response(200, VersionListSchema)
    def get(self, document_type: str, locale: str) -> dict[str, Any]:
        """List today's version and every version a document was issued with."""
        template_key(document_type, locale)  # unknown names never reach the database
        found = list_versions(services(), document_type=document_type, locale=locale)
        return {"versions": [version.as_dict() for version in found]}


@blp.route("/previews/comparisons")
class Comparisons(MethodView):
    """Compare two versions of a template."""

    @requires("reviewer")
    @blp.doc(
        requestBody={
            "required": True,
            "content": {"application/json": {"schema": COMPARISON_REQUEST}},
        }
    )
    @blp.response(200, ComparisonSchema)
    def post(self) -> dict[str, Any]:
        """Render one case with two versions; return their sentence-level diff. Stores nothing."""
        comparison = parse_comparison(read_json_object(request))
        locale = negotiate_locale(comparison.locale)
        return compare(services(), comparison, locale=locale)
