"""The one table that turns a use case's refusal into the RFC 9457 problem a client sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response

from doc_service.api.problems import INVALID_PAYLOAD, Problem, problem_response, validation_problem
from doc_service.audit import IdempotencyConflict, InvalidCursor
from doc_service.batches.errors import BatchNotFound, OutputNotReady, OutputNotRequested
from doc_service.compliance import Violation
from doc_service.documents import (
    ComplianceRefused,
    DocumentNotFound,
    InvalidRequest,
    RenderUnavailable,
    StoredBytesCorrupted,
    TemplateNotFound,
)
from doc_service.i18n import N_

RETRY_AFTER_SECONDS = "30"


def violations_json(violations: list[Violation]) -> list[dict[str, Any]]:
    """Return violations as the API shows them."""
    return [{"rule": v.rule, "path": v.path, "message": v.message} for v in violations]


def _compliance(exc: ComplianceRefused) -> Problem:
    count = len(exc.violations)
    detail = (
        N_("1 violation of the policy") if count == 1 else N_("{count} violations of the policy")
    )
    return Problem(
        422,
        "compliance",
        N_("The document breaks the compliance policy and was not issued"),
        detail.format(count=count),
        violations=violations_json(exc.violations),
    )


def _invalid(exc: InvalidRequest) -> Problem:
    return validation_problem(exc.errors, title=exc.title or INVALID_PAYLOAD)


def _render_unavailable(exc: RenderUnavailable) -> Problem:
    return Problem(
        503,
        "render-unavailable",
        N_("Document could not be rendered in time"),
        exc.reason,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


# Each refusal of a use case, and the problem it becomes at the HTTP edge.
PROBLEMS: dict[type[Exception], Callable[[Any], Problem]] = {
    InvalidRequest: _invalid,
    ComplianceRefused: _compliance,
    RenderUnavailable: _render_unavailable,
    TemplateNotFound: lambda exc: Problem(404, "not-found", N_("No such template"), str(exc)),
    DocumentNotFound: lambda exc: Problem(404, "not-found", N_("No such document"), str(exc)),
    IdempotencyConflict: lambda exc: Problem(
        409,
        "idempotency-conflict",
        N_("Idempotency-Key reused"),
        N_("this key was first used with a different body"),
    ),
    InvalidCursor: lambda exc: Problem(
        400, "bad-request", N_("Invalid cursor"), N_("use next_cursor as given")
    ),
    BatchNotFound: lambda exc: Problem(404, "not-found", N_("No such batch"), str(exc)),
    OutputNotReady: lambda exc: Problem(
        409,
        "not-ready",
        N_("The batch has not finished"),
        N_("its outputs are built when every item is done"),
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    ),
    OutputNotRequested: lambda exc: Problem(
        404, "not-found", N_("No such output"), N_("the batch did not ask for it or issued nothing")
    ),
    StoredBytesCorrupted: lambda exc: Problem(
        500,
        "integrity",
        N_("Stored bytes fail their hash check"),
        N_("the document's stored bytes no longer match its record"),
    ),
}


def register_domain_problems(app: Flask) -> None:
    """Answer each refusal of the table with its problem (subclasses follow their base)."""
    for error_type, to_problem in PROBLEMS.items():

        def handler(exc: Exception, to_problem: Callable[[Any], Problem] = to_problem) -> Response:
            return problem_response(to_problem(exc))

        app.register_error_handler(error_type, handler)
