"""Issued documents: issue, read the record, fetch the exact bytes, verify, list a case."""

from __future__ import annotations

from typing import Any

from flask import Response, g, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api import params
from doc_service.api.auth import current_principal, requires
from doc_service.api.current import services
from doc_service.api.downloads import content_disposition
from doc_service.api.intake import ISSUE_REQUEST_BODY, load_document_request
from doc_service.api.language import response_language
from doc_service.api.problems import Problem
from doc_service.audit import (
    EventTag,
    Record,
    get_record,
    list_case_documents,
    record_event,
    record_to_dict,
)
from doc_service.audit.chain import format_instant
from doc_service.audit.db import append_session
from doc_service.documents import DocumentNotFound, DocumentPurged, StoredBytesCorrupted
from doc_service.documents.issuing import Issued, issue_document
from doc_service.documents.verification import stored_bytes, verify_document
from doc_service.i18n import N_
from doc_service.render.formats import ISSUABLE_FORMATS, MEDIA_TYPES
from doc_service.render.registry import UnknownTemplate
from schemas.catalogue import DOCUMENT_TYPES
from schemas.responses import DocumentPageSchema, DocumentRecordSchema, VerificationSchema

blp = Blueprint("documents", __name__, description="Issued documents and their records")

FILE_TYPES = {MEDIA_TYPES[name]: name for name in ISSUABLE_FORMATS}
FILE_CONTENT = {media: {"schema": {"type": "string", "format": "binary"}} for media in FILE_TYPES}


def load_record(document_id: str) -> Record:
    """Return a record or raise DocumentNotFound."""
    params.document_id(document_id)  # a malformed id never reaches the database
    with services().sessions() as session:
        record = get_record(session, document_id)
    if record is None:
        raise DocumentNotFound(document_id)
    return record


def log_event(tag: EventTag, record: Record | None, **detail: Any) -> None:
    """Append one audit event for this request."""
    # the append lock: each event links to the one before it
    with append_session(services().engine) as session:
        record_event(
            session,
            tag=tag,
            actor=current_principal().name,
            document_id=record.id if record else None,
            request_id=g.get("request_id"),
            detail=detail or None,
        )


def wanted_file(format_name: str) -> bool:
    """Tell whether the client's Accept asks for the file itself rather than the record."""
    best = request.accept_mimetypes.best_match(["application/json", *FILE_TYPES])
    if (
        best in FILE_TYPES
        and request.accept_mimetypes[best] > request.accept_mimetypes["application/json"]
    ):
        if FILE_TYPES[best] != format_name:
            raise Problem(
                406, "not-acceptable", N_("Not acceptable"), f"this document is {format_name}"
            )
        return True
    return False


def filename_of(record: Record) -> str:
    """Return the download name: the document's title in its language, case, version."""
    try:
        template = services().templates.current(record.document_type, record.locale)
        title = str(template.clauses.raw.get("title") or record.document_type)
    except UnknownTemplate:  # a locale withdrawn since: the type name still says what it is
        title = record.document_type
    return f"{title}-{record.case_id}-v{record.version}.{record.format}"


def file_response(record: Record, content: bytes, status: int) -> Response:
    """Return the document's bytes with its identity in the headers."""
    response = Response(content, status=status, mimetype=record.media_type)
    response.headers["X-Document-Id"] = record.id
    response.headers["X-Document-Version"] = str(record.version)
    response.headers["ETag"] = f'"{record.sha256}"'
    response.headers["Content-Disposition"] = content_disposition(filename_of(record))
    return response


def issued_response(issued: Issued, *, as_file: bool) -> Response:
    """Return 201 (or 200 for a replay) with the record, or the file when Accept asks for it."""
    record = issued.record
    status = 200 if issued.replayed else 201
    if as_file:
        response = file_response(record, issued.content, status)
    else:
        response = Response(
            DocumentRecordSchema().dumps(record_to_dict(record), ensure_ascii=False),
            status=status,
            mimetype="application/json",
        )
    response.headers["Location"] = url_for("documents.Document", document_id=record.id)
    return response


@blp.route("/v1/documents")
class Documents(MethodView):
    """Issue documents."""

    @requires("submitter")
    @blp.doc(
        parameters=[params.IDEMPOTENCY_KEY_PARAMETER],
        requestBody=ISSUE_REQUEST_BODY,
        responses={
            "201": {
                "description": "Issued",
                "content": {
                    "application/json": {"schema": DocumentRecordSchema},
                    # OpenAPI fix (security issue): the file may be either format
                    **FILE_CONTENT,
                },
            },
            "200": {
                "description": "The first result of this Idempotency-Key",
                "content": {"application/json": {"schema": DocumentRecordSchema}},
            },
        },
    )
    def post(self) -> Response:
        """Validate, guard, render, store and record one document."""
        document_request = load_document_request(formats=ISSUABLE_FORMATS)
        key = params.idempotency_key()
        # negotiated before anything is rendered or stored: a 406 leaves no record behind
        as_file = wanted_file(document_request.format)
        issued = issue_document(
            services(),
            document_request,
            actor=current_principal().name,
            language=response_language(),
            idempotency_key=key,
            request_id=g.get("request_id"),
        )
        return issued_response(issued, as_file=as_file)


@blp.route("/v1/documents/<document_id>", parameters=[params.DOCUMENT_ID_PARAMETER])
class Document(MethodView):
    """One document's record."""

    @requires("submitter", "auditor")
    @blp.response(200, DocumentRecordSchema)
    def get(self, document_id: str) -> dict[str, Any]:
        """Return the record of one issued document."""
        return record_to_dict(load_record(document_id))


@blp.route("/v1/documents/<document_id>/content", parameters=[params.DOCUMENT_ID_PARAMETER])
class DocumentContent(MethodView):
    """The exact bytes issued."""

    @requires("submitter", "auditor")
    @blp.doc(
        responses={
            "200": {
                "description": "The stored bytes",
                # OpenAPI fix (security issue): DOCX documents were undocumented
                "content": FILE_CONTENT,
            }
        }
    )
    def get(self, document_id: str) -> Response:
        """Return the stored bytes after checking them against the record's hash."""
        record = load_record(document_id)
        if record.purged_at is not None:
            raise DocumentPurged(record.id, format_instant(record.purged_at))
        content = stored_bytes(services(), record)
        if content is None:
            raise StoredBytesCorrupted(document_id)
        log_event(EventTag.DOCUMENT_READ, record)
        response = file_response(record, content, 200)
        response.make_conditional(request)
        return response


@blp.route("/v1/documents/<document_id>/verification", parameters=[params.DOCUMENT_ID_PARAMETER])
class DocumentVerification(MethodView):
    """Re-prove one record."""

    @requires("auditor")
    @blp.response(200, VerificationSchema)
    def get(self, document_id: str) -> dict[str, Any]:
        """Re-hash the bytes, check the chain link and rebuild the document."""
        record = load_record(document_id)
        report = verify_document(services(), record)
        log_event(EventTag.DOCUMENT_VERIFY, record, ok=report["ok"])
        return report


@blp.route("/v1/cases/<case_id>/documents", parameters=[params.CASE_ID_PARAMETER])
class CaseDocuments(MethodView):
    """Every document of a case."""

    @requires("submitter", "auditor")
    @blp.doc(
        parameters=[
            {
                "in": "query",
                "name": "document_type",
                "schema": {"type": "string", "enum": list(DOCUMENT_TYPES)},
            },
            params.query_int_parameter("limit", lowest=1, highest=500),
            params.CURSOR_PARAMETER,
        ]
    )
    @blp.response(200, DocumentPageSchema)
    def get(self, case_id: str) -> dict[str, Any]:
        """List every version of every document of a case, newest first."""
        params.case_id(case_id)
        document_type = params.query_choice("document_type", DOCUMENT_TYPES)
        limit = params.query_int("limit", default=50, lowest=1, highest=500)
        cursor = params.query_cursor()
        with services().sessions() as session:
            records, cursor = list_case_documents(
                session, case_id, document_type=document_type, limit=limit, cursor=cursor
            )
        return {"documents": [record_to_dict(r) for r in records], "next_cursor": cursor}
