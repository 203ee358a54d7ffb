"""The audit store's tables: documents, template versions and audit events."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

HEX64 = String(64)


class EventTag(enum.StrEnum):
    """The kinds of audit event; never free strings."""

    DOCUMENT_ISSUE = "document:issue"
    DOCUMENT_READ = "document:read"
    DOCUMENT_VERIFY = "document:verify"
    CHAIN_VERIFY = "chain:verify"
    VERIFICATION_LOOKUP = "verification:lookup"
    DOCUMENT_PURGE = "document:purge"
    CASE_HOLD = "case:hold"
    CASE_RELEASE = "case:release"


def utc_now() -> datetime:
    """Return the current instant in UTC (the clock records are stamped from)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Store instants as UTC and hand them back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive datetimes and normalise to UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        value = value.astimezone(UTC)
        # SQLite keeps no zone: store the UTC wall time and re-attach UTC on the way out
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base of the audit store."""


class Document(Base):
    """One issued document: an immutable, hash-linked record."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint(
            "case_id", "document_type", "version", name="uq_documents_case_type_version"
        ),
        UniqueConstraint("idempotency_key", name="uq_documents_idempotency_key"),
        Index("ix_documents_case_seq", "case_id", "seq"),
        Index("ix_documents_sha256", "sha256"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    case_id: Mapped[str] = mapped_column(String(64))
    document_type: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(16))
    locale: Mapped[str] = mapped_column(String(35))
    version: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(HEX64)
    size: Mapped[int] = mapped_column(BigInteger)
    payload_sha256: Mapped[str] = mapped_column(HEX64)
    template_id: Mapped[str] = mapped_column(String(255))
    template_version: Mapped[str] = mapped_column(String(128))
    policy_digest: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(255))
    record_hash: Mapped[str] = mapped_column(HEX64, unique=True)
    previous_record_hash: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255), nullable=True)
    request_sha256: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    # a signed PDF: sha256/size above are the signed file's, these the render it extends
    render_sha256: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    render_size: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # "pdf/a-3u" when the PDF was rendered as PDF/A; NULL for plain PDFs and other formats
    pdf_variant: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # the public address the printed QR code points at (render/verification.py); NULL: none
    public_url: Mapped[str | None] = mapped_column(String(255), nullable=True)

    # the case payload and the purge live beside the record, so a purge never edits it
    payload: Mapped[DocumentPayload | None] = relationship(lazy="joined", viewonly=True)
    purge: Mapped[DocumentPurge | None] = relationship(lazy="joined", viewonly=True)
    # the earlier records a litigation notice cites, in citing order
    citations: Mapped[list[DocumentCitation]] = relationship(
        foreign_keys="DocumentCitation.document_id",
        order_by="DocumentCitation.position",
        lazy="selectin",
        viewonly=True,
    )

    @property
    def payload_json(self) -> str | None:
        """Return the canonical case JSON, or None once purged."""
        return self.payload.payload_json if self.payload is not None else None

    @property
    def purged_at(self) -> datetime | None:
        """Return when the retention purge deleted the bytes and payload, or None."""
        return self.purge.purged_at if self.purge is not None else None

    @property
    def cites(self) -> tuple[CitedRecord, ...]:
        """Return the records this document cites (id, type, version), in citing order."""
        return tuple(
            CitedRecord(c.cited_document_id, c.cited_document_type, c.cited_version)
            for c in self.citations
        )


class DocumentPayload(Base):
    """The validated case a document was rendered from; deleted (only) after its purge."""

    __tablename__ = "document_payloads"

    document_id: Mapped[str] = mapped_column(
        String(32),
        ForeignKey("documents.id", name="fk_document_payloads_document"),
        primary_key=True,
    )
    payload_json: Mapped[str] = mapped_column(Text)


class CitedRecord(NamedTuple):
    """One earlier record a document cites."""

    id: str
    document_type: str
    version: int


class DocumentCitation(Base):
    """One earlier record a document cites (a notice's earlier letters); written with the
    document, never changed. Type and version are copied from the cited record, which never
    changes either, so a record reads its citations without loading the records cited."""

    __tablename__ = "document_citations"
    __table_args__ = (Index("ix_document_citations_cited", "cited_document_id"),)

    document_id: Mapped[str] = mapped_column(
        String(32),
        ForeignKey("documents.id", name="fk_document_citations_document"),
        primary_key=True,
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cited_document_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("documents.id", name="fk_document_citations_cited")
    )
    cited_document_type: Mapped[str] = mapped_column(String(64))
    cited_version: Mapped[int] = mapped_column(Integer)


class DocumentPurge(Base):
    """The retention purge of one document: when, by whom, under which rule; never changed."""

    __tablename__ = "document_purges"

    document_id: Mapped[str] = mapped_column(
        String(32),
        ForeignKey("documents.id", name="fk_document_purges_document"),
        primary_key=True,
    )
    purged_at: Mapped[datetime] = mapped_column(UTCDateTime())
    purged_by: Mapped[str] = mapped_column(String(255))
    expired_at: Mapped[datetime] = mapped_column(UTCDateTime())
    rule: Mapped[str] = mapped_column(String(255))
    policy_digest: Mapped[str] = mapped_column(String(128))


class LegalHold(Base):
    """One step of a case's legal hold (placed or released, with a reason); never changed."""

    __tablename__ = "legal_holds"
    __table_args__ = (Index("ix_legal_holds_case_seq", "case_id", "seq"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    case_id: Mapped[str] = mapped_column(String(64))
    held: Mapped[bool] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class TemplateVersion(Base):
    """One pinned version of a template's files, kept for re-rendering old documents."""

    __tablename__ = "template_versions"

    template_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    version: Mapped[str] = mapped_column(String(128), primary_key=True)
    manifest_sha256: Mapped[str] = mapped_column(HEX64)
    first_used_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditEvent(Base):
    """One entry of the audit log."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_document_id", "document_id"),
        # one successor per event: two writers that raced on the head cannot both commit
        Index("uq_audit_events_previous_event_hash", "previous_event_hash", unique=True),
        Index("uq_audit_events_event_hash", "event_hash", unique=True),
    )

    # SQLite autoincrements only an INTEGER primary key (its rowid); PostgreSQL gets a bigint
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    tag: Mapped[EventTag] = mapped_column(
        Enum(
            EventTag,
            name="audit_event_tag",
            native_enum=False,
            create_constraint=True,
            length=32,
            values_callable=lambda tags: [t.value for t in tags],
            validate_strings=True,
        )
    )
    document_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    actor: Mapped[str] = mapped_column(String(255))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # hash-linked like records; NULL on the events written before the link existed
    event_hash: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    previous_event_hash: Mapped[str | None] = mapped_column(HEX64, nullable=True)


class AuditAnchor(Base):
    """The chain head, the events' head and the record count, timestamped by a TSA."""

    __tablename__ = "audit_anchors"

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(255))
    record_count: Mapped[int] = mapped_column(BigInteger)
    chain_head: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    event_count: Mapped[int] = mapped_column(BigInteger)
    events_head: Mapped[str | None] = mapped_column(HEX64, nullable=True)
    events_head_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    digest: Mapped[str] = mapped_column(HEX64, unique=True)
    timestamp_token: Mapped[bytes] = mapped_column(LargeBinary)
    timestamped_at: Mapped[datetime] = mapped_column(UTCDateTime())


class PreviewCase(Base):
    """A reviewer's named test case for the preview page: editable, so not part of the chain."""

    __tablename__ = "preview_cases"

    owner: Mapped[str] = mapped_column(String(255), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    document_type: Mapped[str] = mapped_column(String(64))
    case_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ChainCheck(Base):
    """A background re-check of the chain: its progress while it runs, its report when done."""

    __tablename__ = "chain_checks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # "full" from the first record, or "since-anchor" from the last verified anchor
    mode: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # queued, running, done, failed
    requested_by: Mapped[str] = mapped_column(String(255))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    total: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    checked: Mapped[int] = mapped_column(BigInteger, server_default="0")
    from_seq: Mapped[int] = mapped_column(BigInteger, server_default="0")
    # the newest anchor the check held the store against; with ok, the next one starts there
    anchor_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    ok: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    report_json: Mapped[str | None] = mapped_column(Text, nullable=True)
