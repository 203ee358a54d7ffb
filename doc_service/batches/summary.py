"""The JSON shapes of a batch and its items, shared by the API and the callback."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from doc_service.audit.chain import format_instant
from doc_service.batches.models import Batch, BatchItem, requested_outputs, wants_address_sheet
from doc_service.batches.store import counts

RUNNING = ("queued", "running")


def _instant(value: Any) -> str | None:
    return format_instant(value) if value is not None else None


def batch_summary(session: Session, batch: Batch) -> dict[str, Any]:
    """Return a batch's status, counts, progress, timings and links."""
    by_state = counts(session, batch.id)
    done = batch.total - sum(by_state.get(state, 0) for state in RUNNING)
    link = f"/v1/batches/{batch.id}"
    links = {"self": link, "items": f"{link}/items"}
    if batch.archive_sha256:
        links["archive"] = f"{link}/archive"
    if batch.print_sha256:
        links["print_pdf"] = f"{link}/print.pdf"
    duration = None
    if batch.started_at and batch.finished_at:
        duration = round((batch.finished_at - batch.started_at).total_seconds(), 3)
    return {
        "id": batch.id,
        "status": batch.status,
        "counts": {
            "total": batch.total,
            "issued": by_state.get("issued", 0),
            "refused": by_state.get("refused", 0),
            "failed": by_state.get("failed", 0),
            "invalid": by_state.get("invalid", 0),
            "cancelled": by_state.get("cancelled", 0),
            "pending": sum(by_state.get(state, 0) for state in RUNNING),
        },
        "progress": round(done / batch.total, 4) if batch.total else 1.0,
        "outputs": {
            "requested": requested_outputs(batch.outputs),
            "print_pdf_address_sheet": wants_address_sheet(batch.outputs),
            "archive_sha256": batch.archive_sha256,
            "print_pdf_sha256": batch.print_sha256,
            "print_pdf_pages": batch.print_pages,
        },
        "timings": {
            "created_at": _instant(batch.created_at),
            "started_at": _instant(batch.started_at),
            "finished_at": _instant(batch.finished_at),
            "duration_seconds": duration,
        },
        "callback": {"url": batch.callback_url, "status": batch.callback_status},
        "links": links,
    }


def item_json(item: BatchItem) -> dict[str, Any]:
    """Return one item: its index, state, and its document link or its problem."""
    shown: dict[str, Any] = {"index": item.index, "status": item.status}
    if item.document_id:
        link = f"/v1/documents/{item.document_id}"
        shown["document"] = {
            "id": item.document_id,
            "links": {"self": link, "content": f"{link}/content"},
        }
    if item.problem:
        shown["problem"] = item.problem
    return shown
