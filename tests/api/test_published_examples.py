"""The published example requests (tests/fixtures/examples): each issues in every locale and format.

These are the bodies the API documentation and the side-by-side benchmark send, one per document
type, kept as clients write them (no delivery, enclosures or co-debtors): a case that uses none of
the later additions must still issue unchanged.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from schemas.catalogue import DOCUMENT_TYPES, LOCALES
from tests.support import compact, document_text, make_app

EXAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "examples"
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """One app for the module: each example is issued once per locale and format."""
    client = make_app(tmp_path_factory.mktemp("examples")).test_client()
    # a litigation notice cites the letters sent before it: the case has one on record, whichever
    # of these tests a worker runs first
    earlier = client.post("/v1/documents", json={**example("dunning_letter"), "format": "docx"})
    assert earlier.status_code == 201, earlier.get_data(as_text=True)[:500]
    return client


def example(document_type: str) -> dict[str, Any]:
    """Return a fresh copy of the published example of a document type."""
    body: dict[str, Any] = json.loads((EXAMPLES / f"{document_type}.json").read_text("utf-8"))
    return copy.deepcopy(body)


def test_there_is_one_example_per_document_type() -> None:
    assert sorted(path.stem for path in EXAMPLES.glob("*.json")) == sorted(DOCUMENT_TYPES)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_each_example_issues_with_its_amount_and_contract(
    client: FlaskClient, document_type: str, locale: str, fmt: str
) -> None:
    body = {**example(document_type), "locale": locale, "format": fmt}
    response = client.post("/v1/documents", json=body, headers={"Accept": MEDIA_TYPES[fmt]})
    assert response.status_code == 201, response.get_data(as_text=True)[:500]
    assert response.mimetype == MEDIA_TYPES[fmt]
    text = compact(document_text(response.data, fmt))
    case = body["case"]
    # the contract number and the arrears total in figures are printed as given, in every edition
    assert case["loan"]["contract_number"] in text
    total = f"{Decimal(case['arrears']['total']):,.2f}"
    assert total in text, (total, text[:400])
