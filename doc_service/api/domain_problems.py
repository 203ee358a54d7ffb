"""The one table that turns a use case's refusal into the RFC 9457 problem a client sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, Response
from sqlalchemy.exc import InterfaceError, OperationalError

from doc_service.api.problems import INVALID_PAYLOAD, Problem, problem_response, validation_problem
from doc_service.audit import BlobStoreUnavailable, IdempotencyConflict, InvalidCursor
from doc_service.batches.errors import BatchNotFound, OutputNotReady, OutputNotRequested
from doc_service.compliance import Violation
from doc_service.documents import (
    ComplianceRefused,
    DependencyUnavailable,
    DocumentNotFound,
    DocumentPurged,
    InvalidRequest,
    RenderUnavailable,
    StoredBytesCorrupted,
    TemplateNotFound,
)
from doc_service.evidence.errors import SigningUnavailable, TimestampingNotConfigured
from doc_service.i18n import N_
from doc_service.retention import HoldConflict

RETRY_AFTER_SECONDS = "30"
DEPENDENCY_RETRY_AFTER_SECONDS = "5"


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


_DEPENDENCY_TITLES = {
    "database": N_("The audit database is unavailable"),
    "blob-store": N_("The document store is unavailable"),
}


def _unavailable(exc: DependencyUnavailable) -> Problem:
    # nothing was issued: the append is one transaction and a blob without a record is swept
    return Problem(
        503,
        f"{exc.dependency}-unavailable",
        _DEPENDENCY_TITLES[exc.dependency],
        N_("nothing was issued; retry later"),
        headers={"Retry-After": DEPENDENCY_RETRY_AFTER_SECONDS},
        dependency=exc.dependency,
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
    SigningUnavailable: lambda exc: Problem(
        503,
        "signing-unavailable",
        N_("Document could not be signed"),
        N_("the signing key or the time-stamping authority is unavailable; nothing was issued"),
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    ),
    TimestampingNotConfigured: lambda exc: Problem(
        409,
        "not-configured",
        N_("No time-stamping authority is configured"),
        N_("set DOC_SERVICE_TSA_URL to anchor the audit chain"),
    ),
    DocumentPurged: lambda exc: Problem(
        410,
        "purged",
        N_("Document purged"),
        N_("the retention policy deleted this document's bytes and payload; its record remains"),
        purged_at=exc.purged_at,
    ),
    HoldConflict: lambda exc: Problem(
        409,
        "hold-conflict",
        N_("Legal hold unchanged"),
        N_("the case is already under a legal hold")
        if exc.held
        else N_("the case is not under a legal hold"),
    ),
    DependencyUnavailable: _unavailable,
    # the stores' own failures to connect, read or write: the dependency is down, not the code
    OperationalError: lambda exc: _unavailable(DependencyUnavailable("database")),
    InterfaceError: lambda exc: _unavailable(DependencyUnavailable("database")),
    BlobStoreUnavailable: lambda exc: _unavailable(DependencyUnavailable("blob-store")),
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
