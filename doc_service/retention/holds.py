"""Legal holds on a case: placed and released with a reason, each step a new row and event."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.audit.db import append_session
from doc_service.audit.events import record_event
from doc_service.audit.models import EventTag, LegalHold, utc_now


class HoldConflict(Exception):
    """The case is already in the state asked for (held twice, or released when not held)."""

    def __init__(self, case_id: str, held: bool) -> None:
        super().__init__(f"case {case_id[:64]} is {'already' if held else 'not'} under a hold")
        self.case_id = case_id
        self.held = held


@dataclass(frozen=True)
class HoldState:
    """Whether a case is under a legal hold now, and the step that made it so."""

    case_id: str
    held: bool
    reason: str | None = None
    actor: str | None = None
    at: datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """Return the state as the API shows it."""
        return {
            "case_id": self.case_id,
            "held": self.held,
            "reason": self.reason,
            "by": self.actor,
            "at": format_instant(self.at) if self.at else None,
        }


def hold_state(session: Session, case_id: str) -> HoldState:
    """Return the case's hold state: its latest step, or 'not held'."""
    row = session.scalar(
        select(LegalHold).where(LegalHold.case_id == case_id).order_by(LegalHold.seq.desc())
    )
    if row is None:
        return HoldState(case_id, held=False)
    return HoldState(case_id, row.held, row.reason, row.actor, row.at)


def held_cases(session: Session) -> set[str]:
    """Return every case whose latest hold step placed a hold."""
    latest = (
        select(LegalHold.case_id, func.max(LegalHold.seq).label("seq"))
        .group_by(LegalHold.case_id)
        .subquery()
    )
    rows = session.execute(
        select(LegalHold.case_id).join(latest, LegalHold.seq == latest.c.seq).where(LegalHold.held)
    )
    return {case_id for (case_id,) in rows}


def set_hold(
    engine: Engine,
    case_id: str,
    *,
    held: bool,
    reason: str,
    actor: str,
    request_id: str | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> HoldState:
    """Place or release a case's hold; under the append lock, so no purge runs in between."""
    with append_session(engine) as session:
        if hold_state(session, case_id).held == held:
            raise HoldConflict(case_id, held)
        row = LegalHold(case_id=case_id, held=held, reason=reason, actor=actor, at=clock())
        session.add(row)
        session.flush()
        record_event(
            session,
            tag=EventTag.CASE_HOLD if held else EventTag.CASE_RELEASE,
            actor=actor,
            request_id=request_id,
            # the reason stays in legal_holds; the log says which case and which step
            detail={"case_id": case_id, "hold_seq": row.seq},
            clock=clock,
        )
        return HoldState(case_id, held, reason, actor, row.at)
