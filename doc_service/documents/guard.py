"""The compliance guard wired to this service: the active policy and the case's audit history."""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from doc_service.audit.models import Document, DocumentPayload
from doc_service.compliance import PriorDocument, Violation, check

if TYPE_CHECKING:
    from doc_service.documents.request import DocumentRequest
    from doc_service.services import Services


def prior_documents(services: Services, case_id: str) -> list[PriorDocument]:
    """Return the type and issue date of every document already issued for a case."""
    with services.sessions() as session:
        rows = session.execute(
            select(Document.document_type, DocumentPayload.payload_json, Document.created_at)
            .outerjoin(DocumentPayload, DocumentPayload.document_id == Document.id)
            .where(Document.case_id == case_id)
        ).all()
    zone = ZoneInfo(services.settings["TIMEZONE"])
    return [
        PriorDocument(
            kind,
            # a purged payload leaves the record's own date, in the service's time zone
            date.fromisoformat(json.loads(payload)["issue_date"])
            if payload is not None
            else created_at.astimezone(zone).date(),
        )
        for kind, payload, created_at in rows
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
