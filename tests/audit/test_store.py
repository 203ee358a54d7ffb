"""Appending records: versions, the chain link, the record shape, idempotency, reads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from doc_service.audit.blobs import FileBlobStore
from doc_service.audit.chain import verify_chain
from doc_service.audit.events import event_to_dict, list_events
from doc_service.audit.models import AuditEvent, Document, EventTag
from doc_service.audit.reads import (
    InvalidCursor,
    find_by_idempotency_key,
    find_by_sha256,
    get_record,
    list_case_documents,
)
from doc_service.audit.records import Record, record_to_dict
from doc_service.audit.store import IdempotencyConflict
from tests.audit.helpers import stored_files

Appender = Callable[..., Record]


def test_versions_count_per_case_and_type(appender: Appender, session: Session) -> None:
    letters = [appender() for _ in range(3)]
    notice = appender(document_type="litigation_notice")
    other_case = appender(case_id="C-OTHER")
    assert [r.version for r in letters] == [1, 2, 3]
    assert notice.version == 1 and other_case.version == 1
    assert [r.seq for r in [*letters, notice, other_case]] == [1, 2, 3, 4, 5]
    assert verify_chain(session).ok


def test_records_link_to_their_predecessor(appender: Appender) -> None:
    first, second = appender(), appender()
    assert first.previous_record_hash is None
    assert second.previous_record_hash == first.record_hash


def test_record_dict_has_the_api_shape(appender: Appender) -> None:
    record = appender(content=b"%PDF-1.7 body", actor="bank-a")
    body = record_to_dict(record)
    assert set(body) == {
        "id", "seq", "case_id", "document_type", "format", "locale", "version", "media_type",
        "sha256", "size", "payload_sha256", "template", "policy_digest", "created_at",
        "created_by", "record_hash", "previous_record_hash", "links",
    }  # fmt: skip
    assert body["size"] == len(b"%PDF-1.7 body")
    assert body["template"] == {"id": "lawyer_letter/zh-CN", "version": "a" * 64}
    assert body["created_by"] == "bank-a"
    assert body["links"] == {
        "self": f"/v1/documents/{record.id}",
        "content": f"/v1/documents/{record.id}/content",
    }
    datetime.strptime(body["created_at"], "%Y-%m-%dT%H:%M:%S.%fZ")


def test_created_at_comes_from_the_clock_and_round_trips_as_utc(
    appender: Appender, session: Session
) -> None:
    beijing = timezone(timedelta(hours=8))
    instant = datetime(2026, 11, 28, 23, 0, 0, 123456, tzinfo=beijing)
    record = appender(clock=lambda: instant)
    stored = get_record(session, record.id)
    assert stored is not None
    assert stored.created_at == instant and stored.created_at.tzinfo == UTC
    assert record_to_dict(stored)["created_at"] == "2026-11-28T15:00:00.123456Z"
    assert stored.record_hash == record.record_hash


def test_naive_clock_is_refused(appender: Appender, session: Session) -> None:
    with pytest.raises(Exception, match="naive"):
        appender(clock=lambda: datetime(2026, 1, 1))
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_issue_event_is_logged_with_the_record(appender: Appender, session: Session) -> None:
    record = appender(actor="bank-a", request_id="req-1")
    [event] = list_events(session)
    assert event.tag == EventTag.DOCUMENT_ISSUE
    body = event_to_dict(event)
    assert body["document_id"] == record.id and body["actor"] == "bank-a"
    assert body["request_id"] == "req-1" and body["tag"] == "document:issue"
    assert body["detail"] == {"seq": 1, "version": 1, "sha256": record.sha256}


def test_same_idempotency_key_and_body_returns_the_first_record(
    appender: Appender, session: Session, file_blobs: FileBlobStore, blob_root: Any
) -> None:
    first = appender(idempotency_key="k-1", request_sha256="r" * 64, content=b"first render")
    again = appender(idempotency_key="k-1", request_sha256="r" * 64, content=b"second render")
    assert again.replayed and not first.replayed
    assert again == first
    assert session.scalar(select(func.count()).select_from(Document)) == 1
    # the second render's bytes were discarded: only the first blob remains
    assert stored_files(blob_root) == [file_blobs.path_of(first.sha256)]
    assert find_by_idempotency_key(session, "k-1") == first


def test_same_idempotency_key_with_another_body_conflicts(
    appender: Appender, session: Session, file_blobs: FileBlobStore, blob_root: Any
) -> None:
    first = appender(idempotency_key="k-1", request_sha256="r" * 64)
    with pytest.raises(IdempotencyConflict) as caught:
        appender(idempotency_key="k-1", request_sha256="s" * 64, content=b"other")
    assert caught.value.existing == first
    assert session.scalar(select(func.count()).select_from(Document)) == 1
    assert stored_files(blob_root) == [file_blobs.path_of(first.sha256)]


def test_identical_bytes_in_two_records_share_one_blob(
    appender: Appender, file_blobs: FileBlobStore, blob_root: Any, session: Session
) -> None:
    one, two = appender(content=b"same"), appender(content=b"same")
    assert one.sha256 == two.sha256 and (one.version, two.version) == (1, 2)
    assert stored_files(blob_root) == [file_blobs.path_of(one.sha256)]
    assert find_by_sha256(session, one.sha256) == one


def test_reads(appender: Appender, session: Session) -> None:
    record = appender()
    assert get_record(session, record.id) == record
    assert get_record(session, "0" * 32) is None
    assert find_by_sha256(session, "0" * 64) is None
    assert find_by_sha256(session, record.sha256.upper()) == record


def test_case_listing_is_newest_first_and_paged(appender: Appender, session: Session) -> None:
    letters = [appender() for _ in range(5)]
    notices = [appender(document_type="litigation_notice") for _ in range(2)]
    appender(case_id="C-OTHER")
    everything = [*letters, *notices]
    page, cursor = list_case_documents(session, "C-2025-000123", limit=3)
    assert [r.seq for r in page] == [r.seq for r in reversed(everything)][:3]
    seen = list(page)
    while cursor is not None:
        page, cursor = list_case_documents(session, "C-2025-000123", limit=3, cursor=cursor)
        seen += page
    assert seen == list(reversed(everything))
    only, end = list_case_documents(session, "C-2025-000123", document_type="litigation_notice")
    assert only == list(reversed(notices)) and end is None
    assert list_case_documents(session, "C-NONE") == ([], None)


@pytest.mark.parametrize("cursor", ["nonsense!", "", "c2VxOmFiYw"])
def test_bad_cursor_is_refused(session: Session, cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        list_case_documents(session, "C-1", cursor=cursor)


@pytest.mark.parametrize("limit", [0, 501])
def test_page_limits_are_enforced(session: Session, limit: int) -> None:
    with pytest.raises(ValueError):
        list_case_documents(session, "C-1", limit=limit)


def test_events_page_after_a_seq(appender: Appender, session: Session) -> None:
    for _ in range(4):
        appender()
    first = list_events(session, limit=2)
    rest = list_events(session, after=first[-1].seq, limit=100)
    assert [e.seq for e in first + rest] == sorted({e.seq for e in first + rest})
    assert len(first + rest) == 4


def test_unknown_event_tag_is_refused(store_engine: Engine) -> None:
    from doc_service.audit.events import record_event

    with Session(store_engine) as s, pytest.raises(ValueError):
        record_event(s, tag="document:render", actor="x")  # type: ignore[arg-type]
    with Session(store_engine) as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == 0
