"""Chain re-checks in the background: start one (202), poll its progress and read its report."""

from __future__ import annotations

import logging

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import current_principal, requires
from doc_service.api.batches import celery_app
from doc_service.api.current import services
from doc_service.api.problems import Problem
from doc_service.audit.models import ChainCheck
from doc_service.batches.engine import CHECK_CHAIN
from doc_service.documents.chain_checks import check_to_dict, request_check

log = logging.getLogger(__name__)
blp = Blueprint("chain_checks", __name__, description="Background re-checks of the audit chain")
SINCE = {"in": "query", "name": "since", "schema": {"type": "string", "enum": ["anchor"]}}
BODY = {"application/json": {"schema": {"type": "object"}}}


def _respond(check: ChainCheck, status: int) -> Response:
    body = current_app.json.dumps(check_to_dict(check))
    response = Response(body, status=status, mimetype="application/json")
    response.headers["Location"] = url_for("chain_checks.ChainCheckResource", check_id=check.id)
    return response


@blp.route("/v1/audit/chain/checks")
class ChainChecks(MethodView):
    """Start a re-check of the whole chain (or from the last verified anchor) on a worker."""

    @requires("auditor")
    @blp.doc(parameters=[SINCE], responses={"202": {"description": "queued", "content": BODY}})
    def post(self) -> Response:
        """Queue a check; poll its Location for progress and, when done, the stored report."""
        since = request.args.get("since")
        if since not in (None, "anchor"):
            raise Problem(400, "bad-request", "Invalid since", "since must be 'anchor'")
        check = request_check(
            services(), actor=current_principal().name, since_anchor=since == "anchor"
        )
        try:
            celery_app().send_task(CHECK_CHAIN, args=[check.id])
        except Exception:  # stored as queued: a later POST starts another
            log.exception("could not queue chain check %s", check.id)
        return _respond(check, 202)


@blp.route("/v1/audit/chain/checks/<check_id>")
class ChainCheckResource(MethodView):
    """One background check."""

    @requires("auditor")
    @blp.doc(responses={"200": {"description": "the check", "content": BODY}})
    def get(self, check_id: str) -> Response:
        """Return the check's status, records checked of the total, and its report when done."""
        with services().sessions() as session:
            check = session.get(ChainCheck, check_id[:32])
        if check is None:
            raise Problem(404, "not-found", "No such check", f"no chain check {check_id[:32]}")
        return _respond(check, 200)
