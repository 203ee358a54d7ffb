"""The compliance guard over HTTP: check a case without issuing it, show the active policy."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.domain_problems import violations_json
from doc_service.api.intake import DOCUMENT_REQUEST_BODY, load_document_request
from doc_service.api.language import response_language
from doc_service.compliance import policy_summary
from doc_service.documents.guard import review
from doc_service.render.formats import PREVIEW_FORMATS
from schemas.responses import ComplianceCheckSchema, PolicySchema

blp = Blueprint("compliance", __name__, description="The compliance guard and its policy")


@blp.route("/v1/compliance/check")
class ComplianceCheck(MethodView):
    """Check without rendering or storing."""

    @requires("submitter", "reviewer")
    @blp.doc(
        requestBody=DOCUMENT_REQUEST_BODY,
        # OpenAPI only (security issue: the answer was undocumented)
        responses={
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": ComplianceCheckSchema}},
            }
        },
    )
    def post(self) -> dict[str, Any]:
        """Return every rule the document would break; nothing is rendered or stored."""
        document_request = load_document_request(formats=PREVIEW_FORMATS)
        violations = review(services(), document_request, language=response_language())
        return {
            "compliant": not violations,
            "policy_digest": services().policy.digest,
            "violations": violations_json(violations),
        }


@blp.route("/v1/policies/current")
class CurrentPolicy(MethodView):
    """The active policy."""

    @requires("submitter", "reviewer", "auditor")
    # OpenAPI only (security issue: the answer was undocumented)
    @blp.doc(
        responses={
            "200": {"description": "OK", "content": {"application/json": {"schema": PolicySchema}}}
        }
    )
    def get(self) -> dict[str, Any]:
        """Return the active compliance policy and its digest."""
        return policy_summary(services().policy)
