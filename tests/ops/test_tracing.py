"""Traces with an in-memory exporter: the spans exist, and no personal data is in any attribute."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from doc_service.telemetry import tracing
from tests.support import make_app


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    spans = InMemorySpanExporter()
    tracing.start_tracing(exporter=spans)
    yield spans
    tracing.stop_tracing()


def personal_values(case: dict[str, Any]) -> list[str]:
    """Return the names, ID numbers, phones, addresses and e-mails of the case's people."""
    found = []
    for party in (case["debtor"], case["creditor"], case["contact"]):
        for key in ("name", "id_number", "phone", "address", "email", "legal_representative"):
            if party.get(key):
                found.append(str(party[key]))
    found.append(case["repayment"]["account"]["number"])
    return found


def every_attribute(spans: Any) -> list[str]:
    """Return every attribute value and event attribute of the spans, as text."""
    values = []
    for span in spans:
        values.extend(str(value) for value in span.attributes.values())
        for event in span.events:
            values.extend(str(value) for value in event.attributes.values())
        values.append(span.name)
        values.append(str(span.status.description or ""))
    return values


def test_issue_is_traced_from_request_to_database_without_personal_data(
    exporter: InMemorySpanExporter, tmp_path: Path, example: Any
) -> None:
    body = example("lawyer_letter")
    app = make_app(tmp_path)
    exporter.clear()  # migrations and start-up queries aside
    with app.test_client() as client:
        assert client.post("/v1/documents", json=body).status_code == 201
        refused = example("lawyer_letter")
        refused["case"]["law_firm"]["reply_days"] = 1
        assert client.post("/v1/documents", json=refused).status_code == 422
    spans = exporter.get_finished_spans()
    names = [span.name for span in spans]
    for name in ("validate", "guard", "render", "store"):
        assert name in names, names
    assert "POST /v1/documents" in names
    assert any(span.attributes.get("db.system") for span in spans), "no SQL span"
    [request_span, *_] = [span for span in spans if span.name == "POST /v1/documents"]
    render = next(span for span in spans if span.name == "render")
    assert render.context.trace_id == request_span.context.trace_id
    assert render.attributes["doc.type"] == "lawyer_letter"
    texts = every_attribute(spans)
    for secret in personal_values(body["case"]):
        leaked = [text for text in texts if secret in text]
        assert not leaked, (secret, leaked[:3])


def test_tracing_is_off_without_an_endpoint() -> None:
    assert tracing.start_tracing(environ={}) is False
    assert not tracing.tracing_on()
    with tracing.span("render") as current:
        assert current is None
