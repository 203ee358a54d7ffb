"""Named test cases of the preview page, kept per reviewer key so a team can reload them."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from doc_service.audit.models import PreviewCase
from doc_service.documents.errors import InvalidRequest
from schemas import messages as msg
from schemas.catalogue import DOCUMENT_TYPES

if TYPE_CHECKING:
    from doc_service.services import Services

NAME_LIMIT = 120
CASE_LIMIT = 64 * 1024  # a case is a few kB; this keeps one reviewer from filling the table
BAD_NAME = "1 to 120 characters, no control characters"
TOO_LARGE = "the case is larger than 64 KiB"
NOT_TEXT = "the case holds text that is not valid Unicode"


@dataclass(frozen=True)
class SavedCase:
    """One named case: which document it was written for, the case, when it was saved."""

    name: str
    document_type: str
    case: dict[str, Any]
    updated_at: datetime

    def as_dict(self, *, with_case: bool = True) -> dict[str, Any]:
        """Return the case as the API shows it."""
        shown: dict[str, Any] = {
            "name": self.name,
            "document_type": self.document_type,
            "updated_at": self.updated_at.isoformat().replace("+00:00", "Z"),
        }
        if with_case:
            shown["case"] = self.case
        return shown


def _number(value: Any) -> int | float:
    """Return a JSON number parsed as Decimal (as the service parses bodies) as int or float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _dumps(case: dict[str, Any]) -> str:
    return json.dumps(case, ensure_ascii=False, sort_keys=True, default=_number)


def check_name(name: str) -> str:
    """Return the name, or InvalidRequest when it is empty, too long or has control characters."""
    if not 0 < len(name) <= NAME_LIMIT or any(
        unicodedata.category(char).startswith("C") for char in name
    ):
        raise InvalidRequest({"name": [BAD_NAME]})
    return name


def parse_saved(body: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Validate a PUT body: a known document type and a case object; the case may be a draft."""
    errors: dict[str, list[str]] = {}
    for key in body:
        if key not in ("document_type", "case"):
            errors[key] = ["Unknown field."]
    document_type, case = body.get("document_type"), body.get("case")
    if document_type not in DOCUMENT_TYPES:
        errors["document_type"] = [msg.MISSING if document_type is None else "unknown type"]
    if not isinstance(case, dict):
        errors["case"] = [msg.MISSING if case is None else "must be an object"]
    else:
        try:
            size = len(_dumps(case).encode("utf-8"))
        except UnicodeEncodeError:  # lone surrogates: not text any reader could show
            errors["case"] = [NOT_TEXT]
        else:
            if size > CASE_LIMIT:
                errors["case"] = [TOO_LARGE]
    if errors:
        raise InvalidRequest(errors)
    return str(document_type), dict(case)  # type: ignore[arg-type]


def list_saved(services: Services, owner: str) -> list[SavedCase]:
    """Return the owner's cases, most recently saved first."""
    with services.sessions() as session:
        rows = session.scalars(
            select(PreviewCase)
            .where(PreviewCase.owner == owner)
            .order_by(PreviewCase.updated_at.desc(), PreviewCase.name)
        ).all()
        return [_loaded(row) for row in rows]


def get_saved(services: Services, owner: str, name: str) -> SavedCase | None:
    """Return one of the owner's cases, or None."""
    with services.sessions() as session:
        row = session.get(PreviewCase, (owner, name))
        return _loaded(row) if row else None


def put_saved(
    services: Services, owner: str, name: str, document_type: str, case: dict[str, Any]
) -> tuple[SavedCase, bool]:
    """Save (or overwrite) a case under a name; return it and whether it is new."""
    now = datetime.now(UTC)
    text = _dumps(case)
    with services.sessions() as session, session.begin():
        row = session.get(PreviewCase, (owner, name))
        created = row is None
        if row is None:
            row = PreviewCase(owner=owner, name=name)
            session.add(row)
        row.document_type, row.case_json, row.updated_at = document_type, text, now
    return SavedCase(name, document_type, json.loads(text), now), created


def delete_saved(services: Services, owner: str, name: str) -> bool:
    """Delete one of the owner's cases; return whether there was one."""
    with services.sessions() as session, session.begin():
        done = session.execute(
            delete(PreviewCase).where(PreviewCase.owner == owner, PreviewCase.name == name)
        )
    return bool(getattr(done, "rowcount", 0))


def _loaded(row: PreviewCase) -> SavedCase:
    return SavedCase(row.name, row.document_type, json.loads(row.case_json), row.updated_at)
