"""The audit store: blob stores, append-only document records, their hash chain, the audit log."""

from doc_service.audit.blob_stores import blob_store_from_url
from doc_service.audit.blobs import (
    BlobCorrupted,
    BlobError,
    BlobNotFound,
    BlobStore,
    BlobStoreUnavailable,
    FileBlobStore,
)
from doc_service.audit.chain import ChainReport, compute_record_hash, verify_chain
from doc_service.audit.db import make_engine, make_session_factory
from doc_service.audit.events import event_to_dict, list_events, record_event
from doc_service.audit.models import EventTag
from doc_service.audit.reads import (
    InvalidCursor,
    find_by_idempotency_key,
    find_by_sha256,
    get_record,
    list_case_documents,
)
from doc_service.audit.records import DocumentDraft, Record, canonical_payload, record_to_dict
from doc_service.audit.store import AppendHooks, IdempotencyConflict, append_document
from doc_service.audit.templates import load_template_files, save_template_version

__all__ = [
    "AppendHooks",
    "BlobCorrupted",
    "BlobError",
    "BlobNotFound",
    "BlobStore",
    "BlobStoreUnavailable",
    "ChainReport",
    "DocumentDraft",
    "EventTag",
    "FileBlobStore",
    "IdempotencyConflict",
    "InvalidCursor",
    "Record",
    "append_document",
    "blob_store_from_url",
    "canonical_payload",
    "compute_record_hash",
    "event_to_dict",
    "find_by_idempotency_key",
    "find_by_sha256",
    "get_record",
    "list_case_documents",
    "list_events",
    "load_template_files",
    "make_engine",
    "make_session_factory",
    "record_event",
    "record_to_dict",
    "save_template_version",
    "verify_chain",
]
