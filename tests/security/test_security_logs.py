"""One JSON line per request, with a request id; no ID number, phone, name or key in any line."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest
from security_support import SECRETS, bearer, load_example, secure_app

import doc_service.api.previews
from doc_service.logs import JsonFormatter, RedactingFilter, redact


def json_lines(text: str) -> list[dict[str, Any]]:
    lines = []
    for line in text.splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_a_full_run_logs_no_personal_data_or_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = secure_app(tmp_path)
    client = app.test_client()
    body = load_example("lawyer_letter")
    debtor = body["case"]["debtor"]
    secrets = [debtor["id_number"], debtor["phone"], debtor["name"], *SECRETS.values()]
    capsys.readouterr()

    issued = client.post("/v1/documents", json=body, headers=bearer("submitter")).get_json()
    doc_id = issued["id"]
    client.get(f"/v1/documents/{doc_id}", headers=bearer("submitter"))
    client.get(f"/v1/documents/{doc_id}/content", headers=bearer("auditor"))
    client.get(f"/v1/documents/{doc_id}/verification", headers=bearer("auditor"))
    client.post("/v1/previews", json={**body, "format": "html"}, headers=bearer("reviewer"))
    # errors: bad key, wrong role, invalid payload that echoes the values back, an ID in a path
    client.get("/v1/audit/chain", headers={"Authorization": f"Bearer {SECRETS['admin']}x"})
    client.post("/v1/documents", json=body, headers=bearer("reviewer"))
    broken = json.loads(json.dumps(body))
    broken["case"]["debtor"]["id_number"] = debtor["id_number"][:-1] + "0"
    client.post("/v1/documents", json=broken, headers=bearer("submitter"))
    client.get(f"/v1/cases/{debtor['id_number']}/documents", headers=bearer("auditor"))
    client.get(f"/v1/documents/{debtor['phone']}", headers=bearer("auditor"))

    # a 500 whose exception message carries the debtor's data
    def failing(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(
            f"cannot render {debtor['name']} {debtor['id_number']} {debtor['phone']}"
        )

    monkeypatch.setattr(doc_service.api.previews, "render_request", failing)
    crashed = client.post("/v1/previews", json=body, headers=bearer("reviewer"))
    assert crashed.status_code == 500
    assert debtor["name"] not in crashed.get_data(as_text=True)

    logged = capsys.readouterr().err
    assert '"logger": "doc_service.access"' in logged
    for secret in secrets:
        assert secret not in logged, f"{secret!r} appears in the logs"
    lines = json_lines(logged)
    access = [line for line in lines if line["logger"] == "doc_service.access"]
    assert len(access) == 11
    for line in access:
        assert {"request_id", "method", "path", "status", "duration_ms", "key"} <= line.keys()
    assert {line["key"] for line in access} >= {"submitter-key", "auditor-key", "reviewer-key"}
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert errors and "RuntimeError" in errors[-1]["exception"]
    assert errors[-1]["request_id"] == crashed.get_json()["request_id"]


def test_request_id_is_returned_and_a_sane_incoming_one_kept(tmp_path: Path) -> None:
    client = secure_app(tmp_path).test_client()
    generated = client.get("/healthz").headers["X-Request-Id"]
    assert len(generated) == 32
    assert (
        client.get("/healthz", headers={"X-Request-Id": "lb-7f3a.42:1"}).headers["X-Request-Id"]
        == "lb-7f3a.42:1"
    )
    for hostile in ("x" * 200, "a b", "<script>", "110105198503075418", "13800138000", "é"):
        returned = client.get("/healthz", headers={"X-Request-Id": hostile}).headers["X-Request-Id"]
        assert returned != hostile and len(returned) == 32
    problem = client.get("/v1/audit/chain", headers={"X-Request-Id": "trace-1"})
    assert problem.get_json()["request_id"] == "trace-1"


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("id 110105198503075418 and 11010519850307541X", "id [redacted] and [redacted]"),
        ("call 13800138000 or +86 138 0013 8000", "call [redacted] or [redacted]"),
        ("office 010-6500-1234, hotline 400-800-1234", "office [redacted], hotline [redacted]"),
        ("Authorization: Bearer abc.def-123", "Authorization: [redacted]"),
        ("account 1100 1234 5678 9012 345", "account [redacted]"),
        ("mail zhang.san@example.com", "mail [redacted]"),
        ("张三110105198503075418", "张三[redacted]"),
        # left alone: dates, durations, hex digests, ids and sequence numbers
        ("2025-03-07T10:00:00Z took 1234.5 ms", "2025-03-07T10:00:00Z took 1234.5 ms"),
        ("sha256 9f86d081884c7d659a2feaa0c55ad015", "sha256 9f86d081884c7d659a2feaa0c55ad015"),
        ("seq 42 of 100", "seq 42 of 100"),
    ],
)
def test_redaction_patterns(raw: str, kept: str) -> None:
    assert redact(raw) == kept


def test_formatter_writes_one_redacted_json_line() -> None:
    record = logging.LogRecord(
        "x", logging.ERROR, __file__, 1, "id %s", ("110105198503075418",), None
    )
    RedactingFilter().filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert json.loads(line)["message"] == "id [redacted]"
