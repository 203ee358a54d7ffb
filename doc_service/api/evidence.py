"""The evidence bundle of one document (auditor): a ZIP that verifies without this service."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.documents import load_record, log_event
from doc_service.api.params import DOCUMENT_ID_PARAMETER
from doc_service.audit import EventTag
from doc_service.documents.evidence_bundle import build_bundle

blp = Blueprint("evidence", __name__, description="Evidence bundles")


@blp.route("/v1/documents/<document_id>/evidence", parameters=[DOCUMENT_ID_PARAMETER])
class Evidence(MethodView):
    """One document's evidence bundle."""

    @requires("auditor")
    @blp.doc(
        responses={
            "200": {
                "description": "the bundle",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    )
    def get(self, document_id: str) -> Response:
        """Return the document, record, payload, template, chain segment, anchor and token."""
        record = load_record(document_id)
        data = build_bundle(services(), record)
        log_event(EventTag.DOCUMENT_READ, record, evidence=True)
        response = Response(data, mimetype="application/zip")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="evidence-{record.case_id}-{record.id}.zip"'
        )
        return response
