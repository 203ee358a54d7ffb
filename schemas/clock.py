"""The service's notion of "today" for documents: the calendar date in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DOCUMENT_ZONE = ZoneInfo("Asia/Shanghai")


def today() -> dt.date:
    """Return today's date in Asia/Shanghai."""
    return dt.datetime.now(DOCUMENT_ZONE).date()
