"""Anchors: timestamp the chain head now (admin); list the anchors with their tokens (auditor)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import current_principal, requires
from doc_service.api.current import services
from doc_service.api.params import SEQ_PAGE_PARAMETERS, next_after, seq_page
from doc_service.audit.anchors import anchor_to_dict, list_anchors
from doc_service.documents.anchoring import create_anchor
from schemas.responses import AnchorPageSchema, AnchorSchema

blp = Blueprint("anchors", __name__, description="Timestamped anchors of the audit chain")


@blp.route("/v1/audit/anchors")
class Anchors(MethodView):
    """The chain's timestamped anchors."""

    @requires("admin")
    @blp.response(201, AnchorSchema)
    def post(self) -> dict[str, Any]:
        """Have the TSA timestamp the chain head, the events' head and the record count now."""
        anchor = create_anchor(services(), actor=current_principal().name)
        return anchor_to_dict(anchor)

    @requires("auditor")
    @blp.doc(parameters=SEQ_PAGE_PARAMETERS)
    @blp.response(200, AnchorPageSchema)
    def get(self) -> dict[str, Any]:
        """Return the anchors oldest first, each with its RFC 3161 token in base64."""
        after, limit = seq_page()
        with services().sessions() as session:
            anchors = [anchor_to_dict(a) for a in list_anchors(session, after=after, limit=limit)]
        return {"anchors": anchors, "next_after": next_after(anchors, limit)}
