"""Payload factories for the schema tests: the shared examples, parsed as the API parses them."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from marshmallow import ValidationError

from schemas import DocumentRequestSchema, flatten_errors
from schemas.catalogue import DOCUMENT_TYPES
from tests.support import load_example

__all__ = ["DOCUMENT_TYPES"]


Body = dict[str, Any]


def parse(text: str) -> Any:
    """Parse JSON the way the API does: fractions as Decimal."""
    return json.loads(text, parse_float=Decimal)


def _steps(path: str) -> list[str | int]:
    """Split a dotted path; numeric parts index lists."""
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def _parent(body: Body, path: str) -> tuple[Any, str | int]:
    """Return the container holding the last step of `path`, and that step."""
    *head, last = _steps(path)
    node: Any = body
    for step in head:
        node = node[step]
    return node, last


@pytest.fixture
def example() -> Callable[[str], Body]:
    """Return a factory of fresh request bodies, one per document type."""

    def make(document_type: str = "dunning_letter") -> Body:
        return parse(json.dumps(load_example(document_type)))

    return make


@pytest.fixture
def put() -> Callable[[Body, str, Any], Body]:
    """Return a setter: put(body, "case.arrears.total", "1.00")."""

    def assign(body: Body, path: str, value: Any) -> Body:
        node, last = _parent(body, path)
        node[last] = value
        return body

    return assign


@pytest.fixture
def drop() -> Callable[[Body, str], Body]:
    """Return a deleter: drop(body, "case.law_firm")."""

    def remove(body: Body, path: str) -> Body:
        node, last = _parent(body, path)
        del node[last]
        return body

    return remove


@pytest.fixture
def load() -> Callable[[Body], Body]:
    """Return a loader that expects the body to be valid."""
    return DocumentRequestSchema().load


@pytest.fixture
def errors() -> Callable[[Any], dict[str, list[str]]]:
    """Return a loader that expects the body to be invalid and gives the flattened errors."""

    def run(body: Any) -> dict[str, list[str]]:
        with pytest.raises(ValidationError) as info:
            DocumentRequestSchema().load(body)
        return flatten_errors(info.value.messages)

    return run
