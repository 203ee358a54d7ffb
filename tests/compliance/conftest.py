"""Fixtures of the compliance tests: example cases as validated (Decimal, date) data."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from doc_service.compliance import Policy, PriorDocument, load_policy
from schemas.catalogue import DOCUMENT_TYPES
from tests.support import load_example

_DECIMAL_KEYS = {
    "principal",
    "interest",
    "penalty_interest",
    "fees",
    "total",
    "amount",
    "annual_interest_rate",
    "overdue_annual_rate",
}
_DATE_KEYS = {
    "issue_date",
    "contract_date",
    "maturity_date",
    "as_of",
    "overdue_since",
    "deadline",
    "intended_filing_date",
    "due_date",
}


def _convert(value: Any, key: str | None = None) -> Any:
    """Turn the JSON strings a validated case holds as Decimal or date into those types."""
    if isinstance(value, dict):
        return {name: _convert(item, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_convert(item) for item in value]
    if isinstance(value, str) and key in _DATE_KEYS:
        return date.fromisoformat(value)
    if isinstance(value, str | int) and key in _DECIMAL_KEYS:
        return Decimal(str(value))
    return value


def load_example_case(document_type: str) -> dict[str, Any]:
    """Return the `case` of an example request, converted as the schemas would."""
    return _convert(load_example(document_type)["case"])


_CACHE = {doc: load_example_case(doc) for doc in DOCUMENT_TYPES}


@pytest.fixture
def example_case() -> Callable[[str], dict[str, Any]]:
    """Give a factory of fresh, independently mutable copies of the example cases."""
    return lambda document_type: copy.deepcopy(_CACHE[document_type])


@pytest.fixture(scope="session")
def policy() -> Policy:
    """Give the shipped default policy."""
    return load_policy()


def _history(*documents: tuple[str, date]) -> Callable[[str], Iterable[PriorDocument]]:
    def lookup(case_id: str) -> list[PriorDocument]:
        assert case_id == "C-2025-000123"  # the lookup is asked about this case, not another
        return [PriorDocument(doc, issued) for doc, issued in documents]

    return lookup


@pytest.fixture
def history() -> Callable[..., Callable[[str], Iterable[PriorDocument]]]:
    """Give a factory of fake audit-store lookups knowing some (type, issue date) documents."""
    return _history


@pytest.fixture
def example_history() -> Callable[[str], Iterable[PriorDocument]]:
    """Give the lookup of the examples: dunning and lawyer's letters issued on 2025-03-07."""
    return _history(("dunning_letter", date(2025, 3, 7)), ("lawyer_letter", date(2025, 3, 7)))
