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


@functools.lru_cache(maxsize=1)
def refused_characters() -> str:
    """Return a character-class body of every code point a Text refuses anywhere."""
    refused = [
        code
        for code in range(0x110000)
        if strict._FORBIDDEN.match(chr(code)) or strict._INVISIBLE.match(chr(code))
    ]
    return _class_body(refused)


@functools.lru_cache(maxsize=1)
def edge_characters() -> str:
    """Return a character-class body of what a Text may not start or end with: whitespace too."""
    # str.isspace() is what strip() removes; no whitespace lies above U+3000
    spaces = [code for code in range(0x3001) if chr(code).isspace()]
    return refused_characters() + _class_body(spaces)


def without_category(prefix: str, *, max_length: int) -> str:
    """Return the pattern of 1 to `max_length` characters, none of Unicode category `prefix`."""
    import unicodedata

    codes = [c for c in range(0x110000) if unicodedata.category(chr(c)).startswith(prefix)]
    # lone surrogates (Cs) are left out of the class: no URL or JSON text can carry one
    return f"^[^{_class_body(codes)}]{{1,{max_length}}}$"


def _class_body(codes: list[int]) -> str:
    """Write sorted code points as escaped ranges (\\uXXXX, \\UXXXXXXXX above the BMP).

    Surrogates are left out: no JSON text or URL carries a lone one, and regex engines that
    work on code points refuse them in a class.
    """
    codes = [code for code in codes if not 0xD800 <= code <= 0xDFFF]
    parts: list[str] = []
    start = previous = -2
    for code in [*codes, -1]:
        if code == previous + 1:
            previous = code
            continue
        if start >= 0:
            parts.append(
                _escape(start) if start == previous else f"{_escape(start)}-{_escape(previous)}"
            )
        start = previous = code
    return "".join(parts)


def _escape(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def text_pattern(field: Text) -> str:
    """Return the ECMA/Python pattern of a Text: its own pattern, no refused or edge characters."""
    edge = edge_characters()
    shape = field.pattern.pattern if field.pattern else field.metadata.get(SHAPE)
    if shape is None:
        inner = refused_characters()
        return f"^[^{edge}](?:[^{inner}]*[^{edge}])?$"
    # a field's own pattern is ASCII and admits no control character; only edges remain
    return f"^(?![{edge}])(?!.*[{edge}]$)(?:{shape})$"


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
