"""Build nested marshmallow errors in validators and flatten them into dotted paths."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError
from marshmallow.exceptions import SCHEMA

Path = tuple[str | int, ...]


class ErrorTree:
    """Collect messages at nested paths, then raise them as one ValidationError."""

    def __init__(self) -> None:
        self.tree: dict[str | int, Any] = {}

    def add(self, path: Path, message: str) -> None:
        """Record `message` at `path` (field names and list indexes)."""
        node = self.tree
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node.setdefault(path[-1], []).append(message)

    def raise_if_any(self) -> None:
        """Raise the collected messages, if there are any."""
        if self.tree:
            raise ValidationError(self.tree)


def flatten_errors(messages: Any) -> dict[str, list[str]]:
    """Turn marshmallow's nested messages into {"case.debtor.id_number": [...]}."""
    flat: dict[str, list[str]] = {}
    _walk(messages, (), flat)
    return flat


def _walk(node: Any, path: tuple[str, ...], flat: dict[str, list[str]]) -> None:
    """Add the messages under `node` to `flat`; `_schema` belongs to the enclosing path."""
    if isinstance(node, dict):
        for key, value in node.items():
            _walk(value, path if key == SCHEMA else (*path, str(key)), flat)
    elif isinstance(node, list | tuple):
        for item in node:
            _walk(item, path, flat)
    else:
        flat.setdefault(".".join(path), []).append(str(node))
