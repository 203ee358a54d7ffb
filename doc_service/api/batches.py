"""Nightly batches over HTTP: submit, follow, list items, cancel, fetch the outputs."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.exc import IntegrityError

from doc_service.api.auth import current_principal, requires
from doc_service.api.current import services
from doc_service.api.intake import ISSUE_REQUEST_SCHEMA
from doc_service.api.jsonbody import parse_json_bytes, read_json_object
from doc_service.api.language import response_language
from doc_service.api.params import (
    IDEMPOTENCY_KEY_PARAMETER,
    bad_parameter,
    idempotency_key,
    query_int,
)
from doc_service.api.problems import Problem
from doc_service.audit import IdempotencyConflict
from doc_service.batches import store
from doc_service.batches.callback import secret_for
from doc_service.batches.engine import FINISH_BATCH, RUN_CHUNK, make_celery
from doc_service.batches.errors import BatchNotFound, OutputNotReady, OutputNotRequested
from doc_service.batches.models import ITEM_STATES, Batch
from doc_service.batches.submit import ON_INVALID, OUTPUTS, BatchPlan, plan_items, read_options
from doc_service.batches.summary import batch_summary, item_json
from doc_service.config import DEFAULTS
from doc_service.documents import InvalidRequest
from doc_service.documents.issuing import scoped_key
from doc_service.i18n import N_
from schemas.catalogue import LOCALES

if TYPE_CHECKING:
    from celery import Celery

blp = Blueprint("batches", __name__, description="Nightly batches of documents")
log = logging.getLogger(__name__)
NDJSON = "application/x-ndjson"
BATCH_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {
                        "type": "array",
                        "items": ISSUE_REQUEST_SCHEMA,
                        "minItems": 1,
                        "maxItems": DEFAULTS["MAX_BATCH_ITEMS"],
                    },
                    "callback_url": {
                        "type": "string",
                        "format": "uri",
                        "description": "https, a public host, and a callback secret for the key",
                    },
                    "outputs": {
                        "type": "array",
                        "items": {"type": "string", "enum": list(OUTPUTS)},
                    },
                    "on_invalid": {"type": "string", "enum": list(ON_INVALID)},
                    "print_pdf": {
                        "type": "object",
                        "description": "options of the print file (needs print_pdf in outputs)",
                        "properties": {
                            "address_sheet": {
                                "type": "boolean",
                                "default": False,
                                "description": "a page before each letter with the addressee's"
                                " name and postal address where a DL window envelope shows it",
                            }
                        },
                        "additionalProperties": False,
                    },
                },
            }
        },
        # JSON Schema cannot look inside the lines: each is checked as one item of "items"
        NDJSON: {
            "schema": {
                "type": "string",
                "pattern": r"\S",
                "description": "one document request (a JSON object) per line; the options as "
                "query parameters",
            }
        },
    },
}
JSON_OBJECT = {"application/json": {"schema": {"type": "object"}}}
# the id of the last batch listed, as next_cursor gave it
BATCH_CURSOR = r"^[0-9a-f]{32}$"
# the position of the last item listed, as next_cursor gave it
ITEM_CURSOR = r"^(?:-1|[0-9]{1,9})$"
BOOLEANS = {"true": True, "false": False}
# the query parameters of an NDJSON submission (a JSON body carries them as members)
NDJSON_OPTIONS = [
    {
        "in": "query",
        "name": "outputs",
        "schema": {"type": "string"},
        "example": "archive,print_pdf",
    },
    {"in": "query", "name": "callback_url", "schema": {"type": "string", "format": "uri"}},
    {"in": "query", "name": "on_invalid", "schema": {"type": "string", "enum": list(ON_INVALID)}},
    {"in": "query", "name": "address_sheet", "schema": {"type": "boolean"}},
]


def celery_app() -> Celery:
    """Return this process's Celery app (a producer only: the web server runs no tasks)."""
    app = current_app.extensions.get("doc_service_celery")
    if app is None:
        app = current_app.extensions["doc_service_celery"] = make_celery(dict(current_app.config))
    return app


def read_batch() -> tuple[dict[str, Any], list[Any]]:
    """Return the options and the raw items of a JSON or NDJSON body."""
    # a batch body may be far larger than one case
    request.max_content_length = services().settings["MAX_BATCH_BODY_BYTES"]
    if request.mimetype == NDJSON:
        items: list[Any] = []
        for line in request.get_data(cache=False).splitlines():
            if line.strip():
                try:
                    items.append(parse_json_bytes(line))
                except Problem as exc:  # one bad line is one bad item, reported by its index
                    items.append(exc)
        options: dict[str, Any] = {
            "callback_url": request.args.get("callback_url"),
            "outputs": [o for o in request.args.get("outputs", "").split(",") if o],
            "on_invalid": request.args.get("on_invalid"),
        }
        sheet = request.args.get("address_sheet")
        if sheet is not None:
            options["print_pdf"] = {"address_sheet": BOOLEANS.get(sheet, sheet)}
        return options, items
    body = read_json_object(request)
    listed = body.get("items")
    if not isinstance(listed, list):
        raise InvalidRequest({"items": ["a list of document requests"]})
    return body, listed


def plan_batch() -> BatchPlan:
    """Read and validate a whole submission; a 422 lists every bad item unless skipped."""
    settings = services().settings
    options, items = read_batch()
    plan = read_options(options, settings)
    if plan.callback_url and secret_for(settings, current_principal().name) is None:
        # an unsigned callback could not be told from a forged one: refuse it up front
        message = "no callback secret is configured for this API key"
        raise InvalidRequest({"callback_url": [message]})
    if not 1 <= len(items) <= settings["MAX_BATCH_ITEMS"]:
        raise InvalidRequest({"items": [f"1 to {settings['MAX_BATCH_ITEMS']} items"]})
    locale = request.accept_languages.best_match(LOCALES)
    malformed = {i: item for i, item in enumerate(items) if isinstance(item, Problem)}
    plan = plan_items(
        plan,
        [None if i in malformed else it for i, it in enumerate(items)],
        services().templates,
        locale,
    )
    for index, problem in malformed.items():
        plan.errors[f"items.{index}"] = [problem.detail or problem.title]
    valid = sum(1 for item in plan.items if item.request_json is not None)
    if plan.errors and (plan.on_invalid == "reject" or valid == 0):
        raise InvalidRequest(plan.errors, title=N_("Invalid items: nothing was queued"))
    return plan


def replayed(key: str | None, digest: str) -> Batch | None:
    """Return the batch an earlier submission with this key created, or raise on another body."""
    if key is None:
        return None
    with services().sessions() as session:
        batch = store.find_by_key(session, key)
    if batch is not None and batch.request_sha256 != digest:
        raise IdempotencyConflict(key, None)  # type: ignore[arg-type]
    return batch


def enqueue(batch: Batch, chunks: list[int]) -> None:
    """Send one message per chunk; a failed send is re-sent by a worker's sweep later."""
    try:
        celery = celery_app()
        for chunk in chunks:
            celery.send_task(RUN_CHUNK, args=[batch.id, chunk])
        if not chunks:
            celery.send_task(FINISH_BATCH, args=[batch.id])
    except Exception:  # the batch is stored; the sweep picks up chunks nobody took
        log.exception("could not queue batch %s now; the sweep will", batch.id)


def summary_response(batch: Batch, status: int) -> Response:
    """Return a batch's summary with its Location."""
    with services().sessions() as session:
        body = batch_summary(session, batch)
    response = Response(current_app.json.dumps(body), status=status, mimetype="application/json")
    response.headers["Location"] = url_for("batches.BatchResource", batch_id=batch.id)
    return response


def load_batch(batch_id: str) -> Batch:
    """Return a batch or raise BatchNotFound."""
    with services().sessions() as session:
        batch = store.get_batch(session, batch_id)
    if batch is None:
        raise BatchNotFound(batch_id)
    return batch


@blp.route("/v1/batches")
class Batches(MethodView):
    """Submit and list batches."""

    @requires("submitter", "auditor")
    @blp.doc(
        parameters=[
            {
                "in": "query",
                "name": "limit",
                "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
            },
            {
                "in": "query",
                "name": "cursor",
                "schema": {"type": "string", "pattern": BATCH_CURSOR},
            },
        ],
        responses={
            "200": {
                "description": "Batches, newest first, each as GET /v1/batches/{id} shows it",
                "content": JSON_OBJECT,
            }
        },
    )
    def get(self) -> Response:
        """List batches, newest first: status, counts, progress and links of each."""
        limit = query_int("limit", default=20, lowest=1, highest=100)
        cursor = request.args.get("cursor")
        if cursor is not None and not re.fullmatch(BATCH_CURSOR, cursor):
            raise bad_parameter("cursor", "use next_cursor as given")
        with services().sessions() as session:
            batches, after = store.list_batches(session, before=cursor, limit=limit)
            body = {
                "batches": [batch_summary(session, batch) for batch in batches],
                "next_cursor": after,
            }
        return Response(current_app.json.dumps(body), mimetype="application/json")

    @requires("submitter")
    @blp.doc(
        parameters=[IDEMPOTENCY_KEY_PARAMETER, *NDJSON_OPTIONS],
        requestBody=BATCH_BODY,
        responses={"202": {"description": "Queued", "content": JSON_OBJECT}},
    )
    def post(self) -> Response:
        """Validate every item, store the batch and queue its chunks."""
        sent = idempotency_key()
        # scoped to the API key that sent it, as for documents: another key never meets it
        key = scoped_key(current_principal().name, sent) if sent else None
        plan = plan_batch()
        earlier = replayed(key, plan.digest)
        if earlier is not None:
            return summary_response(earlier, 202)
        try:
            batch, chunks = store.create_batch(
                services().engine,
                plan.items,
                actor=current_principal().name,
                language=response_language(),
                outputs=plan.outputs,
                callback_url=plan.callback_url,
                idempotency_key=key,
                request_sha256=plan.digest,
                chunk_size=services().settings["BATCH_CHUNK_SIZE"],
            )
        except IntegrityError:  # the same key submitted twice at once: the first one won
            earlier = replayed(key, plan.digest)
            if earlier is None:
                raise
            return summary_response(earlier, 202)
        enqueue(batch, chunks)
        return summary_response(batch, 202)


@blp.route("/v1/batches/<batch_id>")
class BatchResource(MethodView):
    """One batch."""

    @requires("submitter", "auditor")
    @blp.doc(responses={"200": {"description": "Status, counts, timings", "content": JSON_OBJECT}})
    def get(self, batch_id: str) -> Response:
        """Return the batch's status, counts, progress and timings."""
        return summary_response(load_batch(batch_id), 200)

    @requires("submitter")
    @blp.doc(
        responses={"200": {"description": "Cancelled what had not started", "content": JSON_OBJECT}}
    )
    def delete(self, batch_id: str) -> Response:
        """Cancel the items no worker has started."""
        load_batch(batch_id)
        store.cancel(services().engine, batch_id)
        return summary_response(load_batch(batch_id), 200)


@blp.route("/v1/batches/<batch_id>/items")
class BatchItems(MethodView):
    """A batch's items."""

    @requires("submitter", "auditor")
    @blp.doc(
        parameters=[
            {
                "in": "query",
                "name": "status",
                "schema": {"type": "string", "enum": list(ITEM_STATES)},
            },
            {"in": "query", "name": "cursor", "schema": {"type": "string", "pattern": ITEM_CURSOR}},
        ],
        responses={"200": {"description": "A page of items", "content": JSON_OBJECT}},
    )
    def get(self, batch_id: str) -> dict[str, Any]:
        """List items with their document link or problem, 100 at a time."""
        load_batch(batch_id)
        status = request.args.get("status")
        if status is not None and status not in ITEM_STATES:
            raise InvalidRequest({"status": [f"one of: {', '.join(ITEM_STATES)}"]})
        cursor = request.args.get("cursor", "-1")
        if not re.fullmatch(ITEM_CURSOR, cursor):
            raise Problem(400, "bad-request", N_("Invalid cursor"), N_("use next_cursor as given"))
        with services().sessions() as session:
            items, after = store.list_items(session, batch_id, status=status, after=int(cursor))
        return {
            "items": [item_json(item) for item in items],
            "next_cursor": None if after is None else str(after),
        }


def stream_output(
    batch: Batch, sha256: str | None, requested: str, media: str, name: str
) -> Response:
    """Stream a built output from the blob store, its SHA-256 as ETag."""
    if sha256 is None:
        if requested in batch.outputs and batch.finished_at is None:
            raise OutputNotReady(batch.id)
        raise OutputNotRequested(batch.id)
    # read in pieces and checked against its hash on the way out: a corrupted file breaks off
    # short of its Content-Length, never passes for a whole one
    opened = services().blobs.stream(sha256)
    response = Response(opened, mimetype=media, direct_passthrough=True)
    response.content_length = opened.size
    response.headers["ETag"] = f'"{sha256}"'
    response.headers["X-Content-SHA256"] = sha256
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blp.route("/v1/batches/<batch_id>/archive")
class BatchArchive(MethodView):
    """Every document of a batch in one ZIP."""

    @requires("submitter", "auditor")
    @blp.doc(
        responses={
            "200": {
                "description": "ZIP with manifest.json",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    )
    def get(self, batch_id: str) -> Response:
        """Return the ZIP: each document named by case and type, and manifest.json."""
        batch = load_batch(batch_id)
        return stream_output(
            batch, batch.archive_sha256, "archive", "application/zip", f"batch-{batch.id}.zip"
        )


@blp.route("/v1/batches/<batch_id>/print.pdf")
class BatchPrint(MethodView):
    """The mail room's print file."""

    @requires("submitter", "auditor")
    @blp.doc(
        responses={
            "200": {
                "description": "One print-ready PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    )
    def get(self, batch_id: str) -> Response:
        """Return one PDF of every letter, each starting on a right-hand page."""
        batch = load_batch(batch_id)
        return stream_output(
            batch, batch.print_sha256, "print_pdf", "application/pdf", f"batch-{batch.id}.pdf"
        )
