"""The base of every request schema: unknown keys are an error at every level."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema


class StrictSchema(Schema):
    """A schema that refuses keys it does not declare."""

    class Meta:
        unknown = RAISE


def dig(data: Any, *path: str) -> Any:
    """Return data[path[0]][path[1]]…, or None when any step is absent or not a mapping.

    Cross-field validators run even when some fields failed, on whatever did load.
    """
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data
