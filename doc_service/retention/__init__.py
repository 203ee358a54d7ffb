"""Retention under PIPL art. 47 and legal holds: purge expired documents' bytes and payloads."""

from doc_service.retention.holds import HoldConflict, HoldState, hold_state, set_hold
from doc_service.retention.purge import PurgeReport, purge_expired

__all__ = ["HoldConflict", "HoldState", "PurgeReport", "hold_state", "purge_expired", "set_hold"]
