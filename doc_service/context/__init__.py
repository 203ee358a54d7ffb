"""Case → template context: every value formatted for the document's locale."""

from doc_service.context.values import build_values

__all__ = ["build_values"]
