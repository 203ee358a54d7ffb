"""The compliance guard wired to this service: the active policy and the case's audit history."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from doc_service.audit.models import Document
from doc_service.compliance import PriorDocument, Violation, check

if TYPE_CHECKING:
    from doc_service.documents.request import DocumentRequest
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
