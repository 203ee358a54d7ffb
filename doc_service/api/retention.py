"""Legal holds on cases and the retention purge (API.md "Operations"); admin only."""

from __future__ import annotations

import re
from typing import Any

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import current_principal, requires
from doc_service.api.current import services
from doc_service.api.jsonbody import read_json_object
from doc_service.api.params import CASE_ID_PARAMETER
from doc_service.api.problems import Problem, validation_problem
from doc_service.audit.models import utc_now
from doc_service.i18n import N_
from doc_service.retention import hold_state, purge_expired, set_hold
from doc_service.telemetry import metrics
from schemas import messages as msg
from schemas.case import CASE_ID_PATTERN
from schemas.responses import HoldSchema, PurgeReportSchema

blp = Blueprint("retention", __name__, description="Legal holds and the retention purge")

_CASE_ID = re.compile(CASE_ID_PATTERN, re.ASCII)
MAX_REASON = 500
# 1 to 500 characters, not all whitespace (stored without the edge whitespace)
REASON_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_REASON, "pattern": r"\S"}
REASON_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["reason"],
                "properties": {"reason": REASON_SCHEMA},
                "additionalProperties": False,
            }
        }
    },
}


def _case_id(case_id: str) -> str:
    """Return a well-formed case id, or a 422 problem."""
    if not _CASE_ID.fullmatch(case_id):
        raise validation_problem({"case_id": [msg.CASE_ID]})
    return case_id


def _reason() -> str:
    """Read the reason from the JSON body (?reason= on DELETE), 1 to 500 characters."""
    if request.method == "DELETE" and ("reason" in request.args or not request.content_length):
        # a JSON body on DELETE is still read when there is no ?reason=, as it always was
        body: dict[str, Any] = {"reason": request.args.get("reason")}
    else:
        body = read_json_object(request)
    unknown = sorted(key for key in body if key != "reason")
    reason = body.get("reason")
    errors: dict[str, list[str]] = {key: [N_("Unknown field.")] for key in unknown}
    if not isinstance(reason, str) or len(reason) > MAX_REASON or not reason.strip():
        errors["reason"] = [N_("a reason of 1 to 500 characters is required")]
    if errors:
        raise validation_problem(errors)
    return str(reason).strip()


def _change_hold(case_id: str, *, held: bool) -> dict[str, Any]:
    state = set_hold(
        services().engine,
        _case_id(case_id),
        held=held,
        reason=_reason(),
        actor=current_principal().name,
        request_id=g.get("request_id"),
    )
    return state.as_dict()


@blp.route("/v1/cases/<case_id>/hold", parameters=[CASE_ID_PARAMETER])
class CaseHold(MethodView):
    """A case's legal hold: while placed, the purge leaves every document of the case alone."""

    @requires("admin")
    @blp.response(200, HoldSchema)
    def get(self, case_id: str) -> dict[str, Any]:
        """Say whether the case is under a legal hold, since when and why."""
        with services().sessions() as session:
            return hold_state(session, _case_id(case_id)).as_dict()

    @requires("admin")
    @blp.doc(requestBody=REASON_BODY)
    @blp.response(201, HoldSchema)
    def post(self, case_id: str) -> dict[str, Any]:
        """Place a legal hold on the case, with a reason; 409 when already held."""
        return _change_hold(case_id, held=True)

    @requires("admin")
    @blp.doc(
        parameters=[{"in": "query", "name": "reason", "required": True, "schema": REASON_SCHEMA}],
    )
    @blp.response(200, HoldSchema)
    def delete(self, case_id: str) -> dict[str, Any]:
        """Release the case's legal hold, with a reason; 409 when not held."""
        return _change_hold(case_id, held=False)


@blp.route("/v1/retention/purge")
class RetentionPurge(MethodView):
    """Delete expired, unheld documents' bytes and payloads; the records stay."""

    @requires("admin")
    @blp.doc(
        parameters=[{"in": "query", "name": "dry_run", "schema": {"type": "boolean"}}],
    )
    @blp.response(200, PurgeReportSchema)
    def post(self) -> dict[str, Any]:
        """Purge now (or, with ?dry_run=true, list what would be purged)."""
        raw = request.args.get("dry_run", "false").lower()
        if raw not in {"true", "false", "1", "0"}:
            raise Problem(400, "bad-request", N_("Invalid dry_run"), N_("dry_run is true or false"))
        current = services()
        report = purge_expired(
            current.engine,
            current.blobs,
            current.policy,
            actor=current_principal().name,
            dry_run=raw in {"true", "1"},
            request_id=g.get("request_id"),
            clock=lambda: utc_now(),  # looked up per call, so a test can move the clock
            on_purged=lambda item: metrics.DOCUMENTS_PURGED.labels(item.document_type).inc(),
        )
        return report.as_dict()
