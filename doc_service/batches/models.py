"""The batch tables: one row per batch, per chunk of work and per item, in the audit database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKeyConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from doc_service.audit.models import HEX64, Base, UTCDateTime

# Item states: queued -> running -> issued | refused | failed; invalid (skipped at submit);
# cancelled (DELETE before a worker started it).
ITEM_STATES = ("queued", "running", "issued", "refused", "failed", "invalid", "cancelled")
ITEM_DONE = frozenset({"issued", "refused", "failed", "invalid", "cancelled"})
BATCH_STATES = ("queued", "running", "succeeded", "partially_failed", "failed", "cancelled")
OUTPUTS = ("archive", "print_pdf")
# the print file's address-sheet option is kept with the outputs a batch asked for (the
# `outputs` column), as one more entry the API never lists among them
ADDRESS_SHEET = "print_pdf.address_sheet"


def requested_outputs(stored: list[str]) -> list[str]:
    """Return the outputs a batch asked for, without their options."""
    return [name for name in stored if name in OUTPUTS]


def wants_address_sheet(stored: list[str]) -> bool:
    """Tell whether the print file puts an address sheet before each letter."""
    return ADDRESS_SHEET in stored


class Batch(Base):
    """One submitted batch: what was asked, by whom, and where it stands."""

    __tablename__ = "batches"
    __table_args__ = (Index("uq_batches_idempotency_key", "idempotency_key", unique=True),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(35))
    total: Mapped[int] = mapped_column(Integer)
    chunks: Mapped[int] = mapped_column(Integer)
    outputs: Mapped[list[str]] = mapped_column(JSON)
    callback_url: Mapped[str | None] = mapped_column(Text, nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    request_sha256: Mapped[str] = mapped_column(HEX64)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # the finishing step (outputs, callback) is leased like a chunk, so a killed worker's is redone
    finish_lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    archive_sha256: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    print_sha256: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    print_pages: Mapped[int | None] = mapped_column(Integer, nullable=True)
    callback_status: Mapped[str | None] = mapped_column(String(64), nullable=True)


class BatchChunk(Base):
    """A run of consecutive items one task issues; leased so a dead worker's chunk is redone."""

    __tablename__ = "batch_chunks"
    __table_args__ = (
        ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_batch_chunks_batch"),
    )

    batch_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20))  # queued, received, running, done
    owner: Mapped[str | None] = mapped_column(String(255), nullable=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class BatchItem(Base):
    """One document request of a batch and its outcome: the record it became, or a problem."""

    __tablename__ = "batch_items"
    __table_args__ = (
        ForeignKeyConstraint(["batch_id"], ["batches.id"], name="fk_batch_items_batch"),
        Index("ix_batch_items_chunk", "batch_id", "chunk"),
        Index("ix_batch_items_status", "batch_id", "status", "item_index"),
        Index("ix_batch_items_document_id", "document_id"),
    )

    batch_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    index: Mapped[int] = mapped_column("item_index", Integer, primary_key=True)
    chunk: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    # the validated request as canonical JSON (decimals as strings), what the worker issues
    request_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    problem: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
