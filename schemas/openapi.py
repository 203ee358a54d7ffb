"""The OpenAPI description of the strict fields, built from the attributes that validate them.

apispec knows marshmallow's own validators only; the bounds of Text, Amount, Rate, Integer and
Items live on the fields themselves. Reading them here keeps /openapi.json and the validation
one contract: a client that follows the description is never refused for a field's shape.
"""

from __future__ import annotations

import functools
from typing import Any

from marshmallow import fields, validate

from schemas import fields as strict
from schemas.fields import (
    DECIMAL_STRING_MAX,
    MAX_AMOUNT,
    SHAPE,
    Amount,
    Date,
    Integer,
    Items,
    Rate,
    Text,
)

Ranges = list[tuple[int, int]]
# Ranges wider than this go into a lookahead instead of the class: generators expand a class
# into its characters, and the private-use planes alone hold 131,068 of them.
_WIDE = 4096


@functools.lru_cache(maxsize=1)
def refused_ranges() -> Ranges:
    """Return the code point ranges a Text refuses anywhere, read from its own regexes."""
    ranges: Ranges = []
    for regex in (strict._FORBIDDEN, strict._INVISIBLE):
        ranges += _class_ranges(regex.pattern)
    return _merged(ranges)


def _class_ranges(pattern: str) -> Ranges:
    """Return the ranges of a pattern that is one character class."""
    import re._parser as sre_parse  # the stdlib's own reading of the pattern

    (opcode, items), *rest = sre_parse.parse(pattern)
    assert str(opcode) == "IN" and not rest, pattern
    ranges: Ranges = []
    for kind, value in items:
        if str(kind) == "LITERAL":
            ranges.append((value, value))
        elif str(kind) == "RANGE":
            ranges.append(value)
        else:  # pragma: no cover - the classes above hold literals and ranges only
            raise ValueError(f"unexpected {kind} in {pattern!r}")
    return ranges


def _merged(ranges: Ranges) -> Ranges:
    """Return sorted, merged ranges without the surrogates (no JSON text or URL carries one)."""
    out: Ranges = []
    for low, high in sorted(ranges):
        for part in ((low, min(high, 0xD7FF)), (max(low, 0xE000), high)):
            if part[0] > part[1]:
                continue
            if out and part[0] <= out[-1][1] + 1:
                out[-1] = (out[-1][0], max(out[-1][1], part[1]))
            else:
                out.append(part)
    return out


@functools.lru_cache(maxsize=1)
def _spaces() -> Ranges:
    # str.isspace() is what strip() removes; no whitespace lies above U+3000
    return _merged([(code, code) for code in range(0x3001) if chr(code).isspace()])


def _split(ranges: Ranges) -> tuple[str, str]:
    """Return (a lookahead refusing the wide ranges, a class body of the narrow ones)."""
    wide = [r for r in ranges if r[1] - r[0] >= _WIDE]
    narrow = [r for r in ranges if r[1] - r[0] < _WIDE]
    ahead = f"(?!.*[{_class_body(wide)}])" if wide else ""
    return ahead, _class_body(narrow)


def _class_body(ranges: Ranges) -> str:
    """Write ranges as escaped class members (\\uXXXX, \\UXXXXXXXX above the BMP)."""
    return "".join(
        _escape(low) if low == high else f"{_escape(low)}-{_escape(high)}" for low, high in ranges
    )


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def text_pattern(field: Text) -> str:
    """Return the pattern of a Text: its own shape, no refused character, no edge whitespace."""
    shape = field.pattern.pattern if field.pattern else field.metadata.get(SHAPE)
    if shape is not None:
        # a shape is ASCII and admits no control character: only edge spaces remain to say
        spaces = _class_body(_spaces())
        return f"^(?![{spaces}])(?!.*[{spaces}]$)(?:{shape})$"
    ahead, refused = _split(refused_ranges())
    _, edge = _split(_merged(refused_ranges() + _spaces()))
    return f"^{ahead}[^{edge}](?:[^{refused}]*[^{edge}])?$"


@functools.lru_cache(maxsize=4)
def without_category(prefix: str, *, max_length: int) -> str:
    """Return the pattern of 1 to `max_length` characters, none of Unicode category `prefix`."""
    import unicodedata

    codes = [c for c in range(0x110000) if unicodedata.category(chr(c)).startswith(prefix)]
    ahead, narrow = _split(_merged([(code, code) for code in codes]))
    return f"^{ahead}[^{narrow}]{{1,{max_length}}}$"


def _decimal_string(places: int, *, whole_digits: int) -> str:
    """Return the pattern of a non-negative decimal string with at most `places` decimals."""
    return f"^0*[0-9]{{1,{whole_digits}}}(?:\\.[0-9]{{1,{places}}})?$"


def amount_schema(field: Amount) -> dict[str, Any]:
    """Describe an amount: a decimal string or a JSON number, 0 (or 0.01) to MAX_AMOUNT."""
    whole = len(str(int(MAX_AMOUNT)))
    pattern = _decimal_string(2, whole_digits=whole)
    number: dict[str, Any] = {
        "type": "number",
        "minimum": 0,
        "maximum": float(MAX_AMOUNT),
        "multipleOf": 0.01,
    }
    if field.positive:
        pattern = "^(?=.*[1-9])" + pattern[1:]
        del number["minimum"]
        number["exclusiveMinimum"] = 0
    string = {"type": "string", "maxLength": DECIMAL_STRING_MAX, "pattern": pattern}
    return {"anyOf": [string, number]}


def rate_schema() -> dict[str, Any]:
    """Describe an annual rate: a fraction 0 to 1 with at most 6 decimals, string or number."""
    pattern = "^0*(?:0(?:\\.[0-9]{1,6})?|1(?:\\.0{1,6})?)$"
    string = {"type": "string", "maxLength": DECIMAL_STRING_MAX, "pattern": pattern}
    number = {"type": "number", "minimum": 0, "maximum": 1, "multipleOf": 0.000001}
    return {"anyOf": [string, number]}


def _is_vocabulary(field: fields.Field) -> bool:
    return any(isinstance(check, validate.OneOf) for check in field.validators)


def _is_email(field: fields.Field) -> bool:
    return any(isinstance(check, validate.Email) for check in field.validators)


def strict_field_properties(
    self: Any, field: fields.Field, ret: dict[str, Any], **kwargs: Any
) -> dict[str, Any]:
    """apispec attribute function: the real bounds of a strict field (see module docstring)."""
    if isinstance(field, Text) and not _is_vocabulary(field):
        if _is_email(field):
            return {"format": "email", "minLength": 1, "maxLength": field.max_length}
        return {"minLength": 1, "maxLength": field.max_length, "pattern": text_pattern(field)}
    if isinstance(field, Amount | Rate):
        for key in ("type", "format"):
            ret.pop(key, None)
        return amount_schema(field) if isinstance(field, Amount) else rate_schema()
    if isinstance(field, Date):
        return {"pattern": f"^{strict._DATE.pattern}$"}
    if isinstance(field, Integer):
        return {"minimum": field.minimum, "maximum": field.maximum}
    if isinstance(field, Items):
        return {"minItems": field.minimum, "maxItems": field.maximum}
    return {}


def describe_strict_fields(api: Any) -> None:
    """Teach a flask-smorest Api's marshmallow plugin the strict fields' bounds."""
    api.ma_plugin.converter.add_attribute_function(strict_field_properties)
