"""The recipient's check: GET /verify/{id} shows what the letter already says; POST checks a file.

Public and keyless, so it shows only what the recipient holds: issuer, document type, date and
the masked addressee, and answers an uploaded file with "issued by this service, unaltered" or
not. Everything else about the case stays behind the API's roles.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    redirect,
    render_template_string,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from doc_service.api.current import services
from doc_service.api.problems import Problem
from doc_service.audit import EventTag, Record, get_record, record_event
from doc_service.audit.chain import format_instant
from doc_service.audit.db import append_session
from doc_service.audit.ids import ids_with_prefix
from doc_service.documents import DocumentPurged
from doc_service.i18n import N_
from doc_service.render.verification import id_prefix, is_document_id

bp = Blueprint("recipients", __name__)
PUBLIC_ACTOR = "public"
RATE_PER_MINUTE = 30
_WINDOW_SECONDS = 60.0

# the head both /verify pages share: a recipient sees the same page whichever way they came
PAGE_HEAD = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>文书核验 Document check</title></head>
<body><main>
<h1>文书核验 Document check</h1>
"""
PAGE_TAIL = "</main></body></html>\n"

PAGE = (
    PAGE_HEAD
    + """<dl>
<dt>出具方 Issuer</dt><dd id="issuer">{{ issuer }}</dd>
<dt>文书类型 Document</dt><dd id="type">{{ title }}</dd>
<dt>日期 Date</dt><dd id="date">{{ date }}</dd>
<dt>收件人 Addressee</dt><dd id="addressee">{{ addressee }}</dd>
</dl>
{% if verdict is not none %}
<p id="verdict"><strong>{% if verdict %}本服务出具，未经改动。Issued by this service, unaltered.
{% else %}与本服务出具的文书不符。This file is not the document this service issued.
{% endif %}</strong></p>
{% endif %}
<form method="post" enctype="multipart/form-data">
<label>上传您收到的文件 Upload the file you received
<input type="file" name="file" required></label>
<button type="submit">核验 Check</button>
</form>
"""
    + PAGE_TAIL
)

CODE_FORM = (
    PAGE_HEAD
    + """<form method="get">
<label>核验码 Verification code
<input name="code" required autocomplete="off" placeholder="XXXX-XXXX-XXXX"></label>
<button type="submit">核验 Check</button>
</form>
"""
    + PAGE_TAIL
)


def mask_name(name: str) -> str:
    """Keep the first character of each word of a name: 张三 → 张*, John Smith → J*** S****."""
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in name.split()) or "*"


def _shown(record: Record) -> dict[str, str]:
    """Return the four facts the page may show."""
    if record.payload_json is None:
        # purged under the retention policy: nothing of the case is left to show
        raise DocumentPurged(record.id, format_instant(record.purged_at or record.created_at))
    case = json.loads(record.payload_json)
    try:
        template = services().templates.current(record.document_type, record.locale)
        title = str(template.clauses.raw.get("title") or record.document_type)
    except Exception:  # a withdrawn template: the type's name still says what it is
        title = record.document_type
    return {
        "issuer": str((case.get("creditor") or {}).get("name", "")),
        "title": title,
        "date": str(case.get("issue_date") or record.created_at.date().isoformat()),
        # every addressee of the file: the debtor, each co-debtor and each guarantor, masked
        "addressee": "、".join(
            mask_name(str(party.get("name", "")))
            for party in [
                case.get("debtor") or {},
                *case.get("co_debtors", ()),
                *case.get("guarantors", ()),
            ]
        ),
    }


def _addressees(case: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every party a document addresses: the debtor, co-debtors, then guarantors."""
    return [case.get("debtor") or {}, *case.get("co_debtors", ()), *case.get("guarantors", ())]


class _Limiter:
    """A fixed one-minute window per client address, in this process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.windows: dict[str, tuple[float, int]] = {}

    def allow(self, key: str, limit: int) -> bool:
        now = time.monotonic()
        with self.lock:
            start, count = self.windows.get(key, (now, 0))
            if now - start >= _WINDOW_SECONDS:
                start, count = now, 0
            self.windows[key] = (start, count + 1)
            if len(self.windows) > 10_000:  # forget idle clients: memory stays bounded
                self.windows = {k: v for k, v in self.windows.items() if now - v[0] < 60}
            return count < limit


def _throttle() -> None:
    limit = int(current_app.config.get("VERIFY_RATE_PER_MINUTE", RATE_PER_MINUTE))
    limiter: _Limiter = current_app.extensions["doc_service_verify_limiter"]
    if not limiter.allow(request.remote_addr or "-", limit):
        raise Problem(
            429,
            "rate-limited",
            N_("Too many checks"),
            N_("try again in a minute"),
            headers={"Retry-After": "60"},
        )


def _record(document_id: str) -> Record:
    """Find the document of an id, or of the verification code printed on it."""
    with services().sessions() as session:
        if not is_document_id(document_id):
            prefix = id_prefix(document_id[:32])
            # a code names one document; two would mean a collision the issuer never allows
            found = ids_with_prefix(session, prefix) if prefix else []
            document_id = found[0] if len(found) == 1 else ""
        record = get_record(session, document_id) if document_id else None
    if record is None:
        raise Problem(404, "not-found", N_("No such document"), N_("check the code on the letter"))
    return record


def _log(record: Record, **detail: Any) -> None:
    with append_session(services().engine) as session:
        record_event(
            session,
            tag=EventTag.VERIFICATION_LOOKUP,
            actor=PUBLIC_ACTOR,
            document_id=record.id,
            detail={"public": True, **detail},
        )


@bp.route("/verify", methods=["GET"])
def code_form() -> ResponseReturnValue:
    """Ask for the verification code printed on the letter; a code given goes to its page."""
    code = request.args.get("code", "").strip()
    if code:
        return redirect(url_for("recipients.verify_page", document_id=code[:64]), code=303)
    response = Response(render_template_string(CODE_FORM), mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/verify/<document_id>", methods=["GET", "POST"])
def verify_page(document_id: str) -> Response:
    """Show the public facts; on POST, say whether the uploaded file is the issued one."""
    _throttle()
    record = _record(document_id)
    verdict = None
    if request.method == "POST":
        request.max_content_length = services().settings["MAX_VERIFY_BYTES"]
        upload = request.files.get("file")
        data = upload.read() if upload is not None else request.get_data(cache=False)
        verdict = hashlib.sha256(data).hexdigest() == record.sha256
        _log(record, issued=verdict)
    page = render_template_string(PAGE, verdict=verdict, **_shown(record))
    response = Response(page, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def register_recipients(app: Flask) -> None:
    """Mount the public verification page with its rate limiter."""
    app.extensions["doc_service_verify_limiter"] = _Limiter()
    app.register_blueprint(bp)
