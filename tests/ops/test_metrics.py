"""GET /metrics after real requests: the counts, the histograms and the gauges say what happened."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.security.security_support import PROBLEM, bearer, secure_app

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
PDF = {"document_type": "dunning_letter", "format": "pdf", "locale": "zh-CN"}


def scrape(client: Any, **headers: str) -> Samples:
    """Return every doc_service_* sample of one scrape, keyed by name and sorted labels."""
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/plain"
    samples: Samples = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            if sample.name.startswith("doc_service_"):
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    """Return one sample, 0 when the series does not exist yet."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def delta(before: Samples, after: Samples, name: str, **labels: str) -> float:
    """Return how much one series grew between two scrapes."""
    return value(after, name, **labels) - value(before, name, **labels)


@pytest.fixture
def client(tmp_path: Path) -> Any:
    return secure_app(tmp_path).test_client()


def refused_body(example: Any) -> dict[str, Any]:
    """Return a dunning letter whose deadline is six days after the issue date (notice_period)."""
    body = example()
    issued = date.fromisoformat(body["case"]["issue_date"])
    body["case"]["repayment"]["deadline"] = (issued + timedelta(days=6)).isoformat()
    return body


def test_scrape_counts_exactly_what_was_requested(client: Any, example: Any) -> None:
    key = bearer("metrics")
    before = scrape(client, **key)
    for _ in range(2):
        issued = client.post("/v1/documents", json=example(), headers=bearer("submitter"))
        assert issued.status_code == 201
    refusal = client.post("/v1/documents", json=refused_body(example), headers=bearer("submitter"))
    assert refusal.status_code == 422
    missing = client.get(f"/v1/documents/{'0' * 32}", headers=bearer("auditor"))
    assert missing.status_code == 404
    assert client.get("/no/such/C-2025-000123", headers=bearer("auditor")).status_code == 404
    after = scrape(client, **key)

    assert delta(before, after, "doc_service_documents_issued_total", **PDF) == 2
    refused = dict(PDF, rule="notice_period")
    assert delta(before, after, "doc_service_documents_refused_total", **refused) == 1
    kind = {"document_type": "dunning_letter", "format": "pdf"}
    assert delta(before, after, "doc_service_render_seconds_count", **kind) == 2
    assert delta(before, after, "doc_service_render_seconds_sum", **kind) > 0
    assert delta(before, after, "doc_service_issue_seconds_count", **kind) == 2
    issue_sum = delta(before, after, "doc_service_issue_seconds_sum", **kind)
    assert issue_sum >= delta(before, after, "doc_service_render_seconds_sum", **kind)
    responses = "doc_service_http_responses_total"
    post = {"method": "POST", "route": "/v1/documents"}
    assert delta(before, after, responses, **post, status_class="2xx") == 2
    assert delta(before, after, responses, **post, status_class="4xx") == 1
    record = {"method": "GET", "route": "/v1/documents/<document_id>", "status_class": "4xx"}
    assert delta(before, after, responses, **record) == 1
    assert delta(before, after, responses, method="GET", route="unmatched", status_class="4xx") == 1
    # the scrape before this one is counted too; raw paths never become labels
    assert delta(before, after, responses, method="GET", route="/metrics", status_class="2xx") == 1
    assert not [labels for (_, labels) in after if any("C-2025" in v for _, v in labels)]
    assert value(after, "doc_service_chain_length") == 2
    assert value(after, "doc_service_fonts_missing") == 0
    assert value(after, "doc_service_font_subsetting_available") == 1
    assert value(after, "doc_service_ready") == 1


def test_metrics_need_the_metrics_role(client: Any) -> None:
    assert client.get("/metrics").status_code == 401
    forbidden = client.get("/metrics", headers=bearer("submitter"))
    assert forbidden.status_code == 403 and forbidden.mimetype == PROBLEM
    assert client.get("/metrics", headers=bearer("admin")).status_code == 200
