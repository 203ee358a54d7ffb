"""Logging: one redacted JSON line per record; personal data and secrets never leave raw."""

from doc_service.logs.json_lines import JsonFormatter, RedactingFilter, configure_logging
from doc_service.logs.redaction import redact, remember_secrets

__all__ = ["JsonFormatter", "RedactingFilter", "configure_logging", "redact", "remember_secrets"]
