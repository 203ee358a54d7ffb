"""The use cases: issue, preview, guard, verify and compare documents — no HTTP, no Flask."""

from doc_service.documents.errors import (
    ComplianceRefused,
    DependencyUnavailable,
    DocumentError,
    DocumentNotFound,
    DocumentPurged,
    InvalidRequest,
    RenderUnavailable,
    StoredBytesCorrupted,
    TemplateNotFound,
    UnsupportedLocale,
)
from doc_service.documents.request import (
    DocumentRequest,
    build_request,
    load_request,
    validate_body,
)

__all__ = [
    "ComplianceRefused",
    "DependencyUnavailable",
    "DocumentError",
    "DocumentNotFound",
    "DocumentPurged",
    "DocumentRequest",
    "InvalidRequest",
    "RenderUnavailable",
    "StoredBytesCorrupted",
    "TemplateNotFound",
    "UnsupportedLocale",
    "build_request",
    "load_request",
    "validate_body",
]
