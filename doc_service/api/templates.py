"""Template catalogue for reviewers: every (type, locale) with its version and a sample case."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.params import TEMPLATE_KEY_PARAMETERS
from doc_service.documents import TemplateNotFound
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.formats import ISSUABLE_FORMATS, PREVIEW_FORMATS
from doc_service.render.registry import UnknownTemplate
from schemas.catalogue import example_requests, sample_case
from schemas.responses import TemplateDetailSchema, TemplateListSchema

blp = Blueprint("templates", __name__, url_prefix="/v1/templates", description="Templates")


def describe(template: CompiledTemplate) -> dict[str, Any]:
    """Return the catalogue entry of one template."""
    return {
        "id": template.id,
        "document_type": template.document_type,
        "locale": template.locale,
        "formats": list(PREVIEW_FORMATS),
        "issuable_formats": list(ISSUABLE_FORMATS),
        "version": template.version,
        "title": template.clauses.raw.get("title"),
        "links": {"self": f"/v1/templates/{template.id}"},
    }


@blp.route("")
class TemplateList(MethodView):
    """Every template the service renders."""

    @requires("reviewer")
    # OpenAPI only (security issue: the answer was undocumented)
    @blp.doc(
        responses={
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": TemplateListSchema}},
            }
        }
    )
    def get(self) -> dict[str, Any]:
        """List every template with its formats and version digest."""
        return {"templates": [describe(t) for t in services().templates.all()]}


@blp.route("/<document_type>/<locale>", parameters=TEMPLATE_KEY_PARAMETERS)
class TemplateDetail(MethodView):
    """One template with a complete sample case."""

    @requires("reviewer")
    # OpenAPI only (security issue: the answer was undocumented)
    @blp.doc(
        responses={
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": TemplateDetailSchema}},
            }
        }
    )
    def get(self, document_type: str, locale: str) -> dict[str, Any]:
        """Return one template and a sample case that renders with it."""
        registry = services().templates
        try:
            template = registry.current(document_type, locale)
        except UnknownTemplate:
            raise TemplateNotFound(document_type, locale) from None
        entry = describe(template)
        entry["sample_case"] = sample_case(document_type, registry.root)
        entry["sample_request"] = {
            "document_type": document_type,
            "format": "pdf",
            "locale": locale,
            "case": entry["sample_case"],
        }
        # more complete requests in this template's locale (joint borrowers and guarantors …)
        entry["example_requests"] = {
            name: {**body, "locale": locale}
            for name, body in example_requests(document_type, registry.root).items()
        }
        return entry
