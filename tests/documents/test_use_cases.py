"""The use cases run on the services alone: no Flask app, no request context, no HTTP."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from doc_service.config import load_settings
from doc_service.documents import (
    ComplianceRefused,
    InvalidRequest,
    load_request,
)
from doc_service.documents.issuing import issue_document
from doc_service.documents.verification import verify_document
from doc_service.services import Services, build_services
from tests.support import document_text, load_example


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory) -> Services:
    data_dir = tmp_path_factory.mktemp("use-cases")
    return build_services(load_settings({"DATA_DIR": str(data_dir)}))


def test_importing_the_use_cases_does_not_import_flask() -> None:
    code = "import sys, doc_service.documents.issuing; print('flask' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_issue_and_verify_without_an_app(services: Services) -> None:
    request = load_request(load_example("dunning_letter"))
    issued = issue_document(services, request, actor="nightly-job", language="en")
    assert issued.record.version == 1 and issued.record.created_by == "nightly-job"
    assert "张三" in document_text(issued.content, "pdf")
    report = verify_document(services, issued.record)
    assert report["ok"] and report["reproducible"]


def test_a_refusal_is_a_domain_error_with_its_violations(services: Services) -> None:
    body = load_example("dunning_letter")
    body["case"]["loan"]["annual_interest_rate"] = "0.3600"
    with pytest.raises(ComplianceRefused) as refused:
        issue_document(services, load_request(body), actor="job", language="zh")
    assert [v.rule for v in refused.value.violations] == ["interest_cap"]
    assert "上限" in refused.value.violations[0].message


def test_bad_input_is_a_domain_error_naming_the_field() -> None:
    body = load_example("dunning_letter")
    body["case"]["debtor"]["id_number"] = "110105198503075419"
    with pytest.raises(InvalidRequest) as invalid:
        load_request(body)
    assert list(invalid.value.errors) == ["case.debtor.id_number"]
