"""Small validators that turn raw YAML values into typed policy settings or a PolicyError."""

from __future__ import annotations

import re
from datetime import time
from decimal import Decimal, InvalidOperation
from typing import Any

from .model import DOCUMENT_TYPES

_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


class PolicyError(ValueError):
    """The policy file cannot be read, is not YAML, or breaks the policy schema."""


def mapping(value: Any, where: str) -> dict[str, Any]:
    """Return `value` if it is a mapping, else fail naming `where`."""
    if not isinstance(value, dict):
        raise PolicyError(f"{where}: expected a mapping, got {type(value).__name__}")
    return value


def only(data: dict[str, Any], allowed: set[str], where: str) -> None:
    """Fail on keys outside `allowed`, so a misspelt setting is never silently ignored."""
    unknown = sorted(str(key) for key in data if key not in allowed)
    if unknown:
        raise PolicyError(f"{where}: unknown key(s) {', '.join(unknown)}")


def rate(value: Any, where: str) -> Decimal:
    """Return an annual rate fraction strictly between 0 and 1."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PolicyError(f'{where}: expected a rate such as "0.24"')
    try:
        # str() first: YAML gives 0.24 as a float, and Decimal(0.24) is not 0.24.
        result = Decimal(str(value))
    except InvalidOperation:
        raise PolicyError(f"{where}: {value!r} is not a number") from None
    if not Decimal(0) < result < Decimal(1):
        raise PolicyError(f"{where}: {value!r} is not a fraction between 0 and 1")
    return result


def days(value: Any, where: str) -> int:
    """Return a whole non-negative number of days (or digits) no greater than 3650."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise PolicyError(f"{where}: expected a whole number from 0 to 3650")
    return value


def clock(value: Any, where: str) -> time:
    """Return a time of day from a quoted "HH:MM" string."""
    # YAML 1.1 reads an unquoted 22:00 as the base-60 integer 1320, hence the hint.
    match = _CLOCK.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise PolicyError(f'{where}: expected a quoted "HH:MM" time, got {value!r}')
    return time(int(match[1]), int(match[2]))


def strings(value: Any, where: str) -> list[str]:
    """Return a list of non-empty strings."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise PolicyError(f"{where}: expected a list of non-empty strings")
    return value


def doc_types(value: Any, where: str) -> tuple[str, ...]:
    """Return a list of known document types."""
    unknown = [item for item in strings(value, where) if item not in DOCUMENT_TYPES]
    if unknown:
        raise PolicyError(f"{where}: unknown document type(s) {', '.join(map(str, unknown))}")
    return tuple(value)
