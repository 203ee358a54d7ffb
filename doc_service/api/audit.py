"""Auditors' endpoints: identify presented bytes, read the audit log, re-check the chain."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.documents import log_event
from doc_service.api.jsonbody import read_body
from doc_service.api.params import SEQ_PAGE_PARAMETERS, next_after, seq_page
from doc_service.api.problems import Problem
from doc_service.audit import EventTag, find_by_sha256, list_events, record_to_dict
from doc_service.audit.events import event_to_dict
from doc_service.documents.chain_checks import check_chain
from doc_service.i18n import N_
from schemas.responses import ChainSchema, EventPageSchema, LookupSchema

blp = Blueprint("audit", __name__, description="Verification and the audit log")
# the presented file's bytes: never empty
PRESENTED_FILE = {"type": "string", "format": "binary", "minLength": 1}


@blp.route("/v1/verifications")
class Verifications(MethodView):
    """Identify a presented file."""

    @requires("auditor")
    @blp.doc(
        requestBody={
            "required": True,
            "content": {
                "application/octet-stream": {"schema": PRESENTED_FILE},
                "application/pdf": {"schema": PRESENTED_FILE},
            },
        }
    )
    @blp.response(200, LookupSchema)
    def post(self) -> dict[str, Any]:
        """Answer whether this service issued exactly these bytes, and which record did."""
        # a presented document may be far larger than a case payload
        request.max_content_length = services().settings["MAX_VERIFY_BYTES"]
        data = read_body(request, cache=False)
        if not data:
            raise Problem(
                400, "bad-request", N_("Empty body"), N_("send the file's bytes as the body")
            )
        sha256 = hashlib.sha256(data).hexdigest()
        with services().sessions() as session:
            record = find_by_sha256(session, sha256)
        log_event(EventTag.VERIFICATION_LOOKUP, record, sha256=sha256, issued=record is not None)
        return {
            "issued": record is not None,
            "sha256": sha256,
            "size": len(data),
            "record": record_to_dict(record) if record else None,
        }


@blp.route("/v1/audit/events")
class Events(MethodView):
    """The audit log."""

    @requires("auditor")
    @blp.doc(parameters=SEQ_PAGE_PARAMETERS)
    @blp.response(200, EventPageSchema)
    def get(self) -> dict[str, Any]:
        """Return audit events oldest first, after a sequence number."""
        after, limit = seq_page()
        with services().sessions() as session:
            events = [event_to_dict(e) for e in list_events(session, after=after, limit=limit)]
        return {"events": events, "next_after": next_after(events, limit)}


@blp.route("/v1/audit/chain")
class Chain(MethodView):
    """The hash chain over all records."""

    @requires("auditor")
    @blp.doc(
        parameters=[
            {"in": "query", "name": "since", "schema": {"type": "string", "enum": ["anchor"]}}
        ]
    )
    @blp.response(200, ChainSchema)
    def get(self) -> dict[str, Any]:
        """Re-check records, their stored bytes and events, then the latest anchor."""
        since = request.args.get("since")
        if since not in (None, "anchor"):
            raise Problem(400, "bad-request", "Invalid since", "since must be 'anchor'")
        report = check_chain(services(), since_anchor=since == "anchor")
        log_event(
            EventTag.CHAIN_VERIFY,
            None,
            ok=report["ok"],
            length=report["length"],
            bad_blobs=report.get("bad_blobs"),
        )
        return report
