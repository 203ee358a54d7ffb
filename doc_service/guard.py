"""The compliance guard wired to this service: policy, audit history and the refusal problem."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from doc_service.audit.models import Document
from doc_service.compliance import PriorDocument, Violation, check
from doc_service.problems import Problem

if TYPE_CHECKING:
    from doc_service.api.intake import DocumentRequest
    from doc_service.services import Services


def prior_documents(services: Services, case_id: str) -> list[PriorDocument]:
    """Return the type and issue date of every document already issued for a case."""
    with services.sessions() as session:
        rows = session.execute(
            select(Document.document_type, Document.payload_json).where(Document.case_id == case_id)
        ).all()
    return [
        PriorDocument(kind, date.fromisoformat(json.loads(payload)["issue_date"]))
        for kind, payload in rows
    ]


def review(
    services: Services, request: DocumentRequest, *, language: str, with_history: bool = True
) -> list[Violation]:
    """Check a request against the active policy; history makes the escalation rule apply."""
    return check(
        request.case,
        request.document_type,
        services.policy,
        prior_documents=(lambda case_id: prior_documents(services, case_id))
        if with_history
        else None,
        locale=language,
    )


def violations_json(violations: list[Violation]) -> list[dict[str, Any]]:
    """Return violations as the API shows them."""
    return [{"rule": v.rule, "path": v.path, "message": v.message} for v in violations]


def compliance_problem(violations: list[Violation], *, language: str) -> Problem:
    """Return the 422 refusal that lists every violated rule."""
    title = (
        "文书内容违反合规规则，已拒绝出具"
        if language.startswith("zh")
        else ("The document breaks the compliance policy and was not issued")
    )
    count = len(violations)
    detail = (
        f"{count} 项违规" if language.startswith("zh") else f"{count} violation(s) of the policy"
    )
    return Problem(422, "compliance", title, detail, violations=violations_json(violations))
