"""What the batch endpoints refuse, in the domain's own terms (mapped in api.domain_problems)."""

from __future__ import annotations

from doc_service.documents.errors import DocumentError


class BatchNotFound(DocumentError):
    """No batch has this id."""

    def __init__(self, batch_id: str) -> None:
        super().__init__(f"no batch {batch_id[:64]}")


class OutputNotReady(DocumentError):
    """The batch has not finished, so its archive or print file does not exist yet."""


class OutputNotRequested(DocumentError):
    """The batch did not ask for this output, or issued no document to put in it."""
