"""What a use case can refuse, in the domain's own terms; the HTTP edge maps each to a problem."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from doc_service.compliance import Violation


class DocumentError(Exception):
    """Base of the refusals a use case raises for the caller to see."""


class InvalidRequest(DocumentError):
    """The request breaks the contract; ``errors`` maps dotted paths to messages."""

    def __init__(self, errors: dict[str, list[str]], title: str | None = None) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors
        self.title = title


class UnsupportedLocale(InvalidRequest):
    """No template of this document type exists in the requested locale."""

    def __init__(self, document_type: str, available: Sequence[str]) -> None:
        from doc_service.i18n import N_

        message = N_("{document_type} is available in: {locales}")
        text = message.format(document_type=document_type, locales=", ".join(available) or "-")
        super().__init__({"locale": [text]}, title=N_("Unsupported locale"))
        self.document_type = document_type
        self.available = tuple(available)


class ComplianceRefused(DocumentError):
    """The document breaks the compliance policy; nothing was rendered or stored."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        super().__init__(f"{len(violations)} violation(s)")
        self.violations = list(violations)


class TemplateNotFound(DocumentError):
    """No template exists for this document type and locale."""

    def __init__(self, document_type: str, locale: str) -> None:
        super().__init__(f"no template {document_type}/{locale}")


class DocumentNotFound(DocumentError):
    """No document has this id."""

    def __init__(self, document_id: str) -> None:
        super().__init__(f"no document {document_id[:64]}")


class RenderUnavailable(DocumentError):
    """The render ran out of time or memory; nothing was stored and a retry may succeed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StoredBytesCorrupted(DocumentError):
    """A document's stored bytes no longer hash to its record."""


class DocumentPurged(DocumentError):
    """The retention purge deleted this document's bytes and payload; its record remains."""

    def __init__(self, document_id: str, purged_at: str) -> None:
        super().__init__(f"document {document_id[:64]} was purged on {purged_at}")
        self.document_id = document_id
        self.purged_at = purged_at


class DependencyUnavailable(DocumentError):
    """A store the use case needs (``database``, ``blob-store``) cannot be reached; retry later."""

    def __init__(self, dependency: str) -> None:
        super().__init__(f"{dependency} unavailable")
        self.dependency = dependency
