"""The canonical JSON of a validated case: sorted keys, no spaces, decimals as strings."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from doc_service.audit.records import canonical_payload


def test_decimals_keep_their_digits_and_dates_are_iso() -> None:
    case = {
        "loan": {"annual_interest_rate": Decimal("0.1440"), "contract_date": date(2024, 3, 1)},
        "arrears": {"total": Decimal("13580.23"), "fees": Decimal("0.00"), "big": Decimal("1E+3")},
        "case_id": "C-2025-000123",
        "debtor": {"name": "张三", "flags": [True, None, 3]},
    }
    text, digest = canonical_payload(case)
    assert text == (
        '{"arrears":{"big":"1000","fees":"0.00","total":"13580.23"},"case_id":"C-2025-000123",'
        '"debtor":{"flags":[true,null,3],"name":"张三"},'
        '"loan":{"annual_interest_rate":"0.1440","contract_date":"2024-03-01"}}'
    )
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_key_order_does_not_matter() -> None:
    assert canonical_payload({"a": 1, "b": 2}) == canonical_payload({"b": 2, "a": 1})


@pytest.mark.parametrize(
    "value",
    [0.1, Decimal("NaN"), Decimal("Infinity"), datetime(2026, 1, 1, tzinfo=UTC), object()],
)
def test_values_that_cannot_be_canonical_are_refused(value: Any) -> None:
    with pytest.raises((TypeError, ValueError)):
        canonical_payload({"x": {"y": [value]}})
