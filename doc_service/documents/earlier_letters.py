"""The earlier letters a litigation notice cites, looked up in the audit store at issue time.

The notice names each dunning letter and lawyer's letter this service issued for the case
before it: date, letter number, version and (a lawyer's letter) the firm. The list is resolved
once, when the notice is issued, and stored in the notice's canonical payload under
``earlier_letters``: the payload hash covers it and a rebuild reads it back, so the notice
reproduces byte for byte whatever is issued (or purged) later. A purged earlier letter is still
cited, with what its record keeps: type, version and the date it was issued (its record's
date in the service's time zone); its number and firm went with its payload.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from doc_service.audit.models import Document, DocumentPayload

if TYPE_CHECKING:
    from doc_service.documents.request import DocumentRequest
    from doc_service.services import Services

# the key of the canonical payload that holds the resolved list (never sent by a client)
EARLIER_LETTERS = "earlier_letters"
CITING_TYPES = frozenset({"litigation_notice"})
CITED_TYPES = ("dunning_letter", "lawyer_letter")


def _translations(obj: dict[str, Any], key: str, as_key: str) -> dict[str, Any]:
    """Return an object's i18n values of one key, renamed, or {} when it has none."""
    given = {
        language: {as_key: values[key]}
        for language, values in (obj.get("i18n") or {}).items()
        if isinstance(values, dict) and values.get(key)
    }
    return {"i18n": given} if given else {}


def _citation(
    document_id: str, kind: str, version: int, issued: date, payload: dict[str, Any] | None
) -> dict[str, Any]:
    """Return one cited letter as the notice's payload stores it."""
    entry: dict[str, Any] = {
        "document_id": document_id,
        "document_type": kind,
        "version": version,
        "issue_date": issued.isoformat(),
    }
    if payload is None:
        entry["purged"] = True
        return entry
    if payload.get("letter_number"):
        entry["letter_number"] = payload["letter_number"]
        entry.update(_translations(payload, "letter_number", "letter_number"))
    firm = payload.get("law_firm")
    if kind == "lawyer_letter" and firm:
        entry["law_firm"] = {"name": firm["name"], **_translations(firm, "name", "name")}
    return entry


def _issue_date(payload: dict[str, Any] | None, created_at: datetime, zone: ZoneInfo) -> date:
    """Return a letter's issue date: its payload's, else (purged) its record's local date."""
    if payload is not None:
        return date.fromisoformat(payload["issue_date"])
    return created_at.astimezone(zone).date()


def find_earlier_letters(services: Services, case_id: str, before: date) -> list[dict[str, Any]]:
    """Return the case's dunning and lawyer's letters issued on or before a date, oldest first.

    Editions of one letter (the same type, number and date in another format or language) are
    cited once, by the first version issued.
    """
    with services.sessions() as session:
        rows = session.execute(
            select(
                Document.id,
                Document.document_type,
                Document.version,
                Document.created_at,
                DocumentPayload.payload_json,
            )
            .outerjoin(DocumentPayload, DocumentPayload.document_id == Document.id)
            .where(Document.case_id == case_id, Document.document_type.in_(CITED_TYPES))
            .order_by(Document.seq)
        ).all()
    zone = ZoneInfo(services.settings["TIMEZONE"])
    cited: dict[tuple[str, str | None, date], dict[str, Any]] = {}
    for document_id, kind, version, created_at, payload_json in rows:
        payload = json.loads(payload_json) if payload_json is not None else None
        issued = _issue_date(payload, created_at, zone)
        number = payload.get("letter_number") if payload else None
        if issued > before or (kind, number, issued) in cited:
            continue
        cited[(kind, number, issued)] = _citation(document_id, kind, version, issued, payload)
    return sorted(cited.values(), key=lambda entry: entry["issue_date"])


def with_earlier_letters(services: Services, request: DocumentRequest) -> DocumentRequest:
    """Return a notice's request with the earlier letters it cites; other types unchanged."""
    if request.document_type not in CITING_TYPES:
        return request
    letters = find_earlier_letters(services, request.case["case_id"], request.case["issue_date"])
    if not letters:
        return request
    return replace(request, case={**request.case, EARLIER_LETTERS: letters})


def split_stored(case: Any) -> tuple[Any, list[dict[str, Any]] | None]:
    """Split a stored payload into the client's case and the letters resolved at issue time."""
    if not isinstance(case, dict) or EARLIER_LETTERS not in case:
        return case, None
    rest = {key: value for key, value in case.items() if key != EARLIER_LETTERS}
    return rest, case[EARLIER_LETTERS]


def cited_ids(case: dict[str, Any]) -> tuple[str, ...]:
    """Return the record ids a request's resolved earlier letters point at, in citing order."""
    return tuple(letter["document_id"] for letter in case.get(EARLIER_LETTERS) or ())
