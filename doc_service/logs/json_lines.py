"""One redacted JSON object per log line, for the service and for gunicorn."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from typing import Any, TextIO

from flask import g, has_request_context

from doc_service.logs.redaction import redact, redact_value

_STANDARD_ATTRS = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object per line, redacted."""

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as a single redacted JSON line."""
        entry: dict[str, Any] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD_ATTRS and not key.startswith("_"):
                entry[key] = value if _jsonable(value) else repr(value)
        if "request_id" not in entry and has_request_context() and g.get("request_id"):
            entry["request_id"] = g.request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        line = json.dumps(redact_value(entry), ensure_ascii=False, default=repr)
        # a final pass over the whole line: nothing that looks personal leaves this function
        return redact(line)


def _jsonable(value: Any) -> bool:
    """Tell whether json.dumps takes the value as it is."""
    return isinstance(value, str | int | float | bool | type(None) | dict | list)


class RedactingFilter(logging.Filter):
    """Redact a record in place, so every handler after this one sees the clean text too."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the message, arguments and exception text with redacted strings."""
        try:
            record.msg = redact(record.getMessage())
            record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
                # keep the traceback text, drop the live exception and its message
                record.exc_info = None
        except Exception:  # a log filter must never fail the request it reports on
            record.msg, record.args = "log record could not be redacted", None
        return True


class StderrHandler(logging.StreamHandler[TextIO]):
    """Write to whatever sys.stderr is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        """Return the current standard error."""
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        """Ignore: the handler always writes to the current standard error."""


def json_handler() -> logging.Handler:
    """Return a stderr handler that writes redacted JSON lines."""
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    return handler


def configure_logging(level: str = "INFO") -> None:
    """Send every log record through one redacting JSON handler on the root logger (once)."""
    root = logging.getLogger()
    # gunicorn.conf.py may have installed the same formatter already: never log a line twice
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        root.addHandler(json_handler())
    service = logging.getLogger("doc_service")
    if service.level == logging.NOTSET:
        service.setLevel(level)
