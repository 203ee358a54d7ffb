"""Strict field types: every string, amount, rate, date and integer of the payload uses one."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validate

from schemas import messages as msg

NAME_MAX = 100
ADDRESS_MAX = 200
FREE_TEXT_MAX = 500
LETTER_NUMBER_MAX = 64
ACCOUNT_NUMBER_MAX = 40
PHONE_MAX = 32
EMAIL_MAX = 254
MAX_AMOUNT = Decimal("999999999999.99")  # below 1万亿: the 大写 spelling and the tables stop there
DECIMAL_STRING_MAX = 64

CENT = Decimal("0.01")

# Cc (C0, DEL, C1), the line/paragraph separators, and the bidi marks, embeddings, overrides
# and isolates that can make a rendered name or amount read differently from the stored one.
_FORBIDDEN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
# Characters that print as nothing (or as a box): format characters (zero-width space and
# joiners, BOM, soft hyphen, word joiner, invisible operators, tags), Hangul fillers, private
# use and noncharacters. "张\u200b三" would print as 张三 while hashing as another name, and
# U+FFFE/U+FFFF cannot be written into a DOCX's XML at all.
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e\u200b-\u200d"
    "\u2060-\u206f\u3164\ue000-\uf8ff\ufdd0-\ufdef\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e007f\U000f0000-\U0010ffff"
    + "".join(f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 15))
    + "]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_EXPONENT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")


# Field metadata of a Text: a run of letters and digits with no words in it (a passport or
# contract number), where a phrase hides without spaces, so the guard looks for it anywhere.
IDENTIFIER = "identifier"
# Field metadata of a Text checked by a validator (a check character): the shape it requires,
# which /openapi.json states as the field's pattern.
SHAPE = "shape"


class Text(fields.String):
    """A single-line string: bounded, never blank, padded, or carrying control characters."""

    def __init__(
        self,
        *,
        max_length: int,
        pattern: str | None = None,
        description: str = "",
        **kwargs: Any,
    ) -> None:
        self.max_length = max_length
        # ASCII so that \d-style classes and case folding never admit look-alike characters.
        self.pattern = re.compile(pattern, re.ASCII) if pattern else None
        self.description = description
        super().__init__(**kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise ValidationError(msg.NOT_A_STRING)
        # Length first, so a huge value is refused before it is scanned.
        if len(value) > self.max_length:
            raise ValidationError(msg.TOO_LONG.format(max=self.max_length))
        if _SURROGATE.search(value):
            raise ValidationError(msg.LONE_SURROGATE)
        if _FORBIDDEN.search(value):
            raise ValidationError(msg.CONTROL_CHARACTERS)
        if invisible := _INVISIBLE.search(value):
            code_point = f"U+{ord(invisible.group()):04X}"
            raise ValidationError(msg.INVISIBLE_CHARACTER.format(code_point=code_point))
        if not value.strip():
            raise ValidationError(msg.BLANK)
        if value != value.strip():
            raise ValidationError(msg.EDGE_WHITESPACE)
        if self.pattern is not None and not self.pattern.fullmatch(value):
            raise ValidationError(msg.PATTERN.format(description=self.description))
        return value


def Choice(choices: Iterable[str], *, error: str = msg.ONE_OF, **kwargs: Any) -> Text:
    """Build a Text field restricted to `choices`, whose error lists them."""
    return Text(max_length=64, validate=validate.OneOf(tuple(choices), error=error), **kwargs)


def Name(**kwargs: Any) -> Text:
    """Build a Text field for a person's or organisation's name."""
    return Text(max_length=NAME_MAX, **kwargs)


def Address(**kwargs: Any) -> Text:
    """Build a Text field for a postal address."""
    return Text(max_length=ADDRESS_MAX, **kwargs)


def FreeText(**kwargs: Any) -> Text:
    """Build a Text field for a sentence such as a channel or a claim."""
    return Text(max_length=FREE_TEXT_MAX, **kwargs)


def Phone(**kwargs: Any) -> Text:
    """Build a Text field for a phone number."""
    return Text(
        max_length=PHONE_MAX, pattern=r"(?=.*[0-9])[0-9 +()-]+", description=msg.PHONE, **kwargs
    )


def Email(**kwargs: Any) -> Text:
    """Build a Text field holding an email address."""
    return Text(max_length=EMAIL_MAX, validate=validate.Email(error=msg.INVALID_EMAIL), **kwargs)


def _parse_decimal(value: Any, *, invalid: str) -> Decimal:
    """Turn a decimal string, int or exact Decimal into a Decimal, refusing floats and bools."""
    if value is True or value is False:
        raise ValidationError(invalid)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        raise ValidationError(msg.AMOUNT_FLOAT)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(invalid)
        # JSON 1e5 arrives as Decimal('1E+5'); only exponent notation yields a positive exponent.
        if _exponent(value) > 0:
            raise ValidationError(msg.AMOUNT_EXPONENT)
        return value
    # the length first: fullmatch(value, 0, 64) alone would pass "0"*64 + "x" on to Decimal()
    if isinstance(value, str) and len(value) <= DECIMAL_STRING_MAX:
        if _DECIMAL.fullmatch(value):
            return Decimal(value)
        if _EXPONENT.fullmatch(value):
            raise ValidationError(msg.AMOUNT_EXPONENT)
    raise ValidationError(invalid)


def _exponent(value: Decimal) -> int:
    """Return the exponent of a finite Decimal."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # finite values only
    return exponent


class Amount(fields.Decimal):
    """A money amount: decimal string or JSON number, at most 2 places, loaded as Decimal(x.xx)."""

    def __init__(self, *, positive: bool = False, **kwargs: Any) -> None:
        self.positive = positive
        super().__init__(as_string=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        amount = _parse_decimal(value, invalid=msg.AMOUNT_INVALID)
        if amount.is_signed():
            raise ValidationError(msg.AMOUNT_NEGATIVE)
        if _exponent(amount) < -2:
            raise ValidationError(msg.AMOUNT_PLACES)
        if amount > MAX_AMOUNT:
            raise ValidationError(msg.AMOUNT_TOO_LARGE.format(max=MAX_AMOUNT))
        if self.positive and amount == 0:
            raise ValidationError(msg.AMOUNT_NOT_POSITIVE)
        return amount.quantize(CENT)


class Rate(fields.Decimal):
    """An annual rate as a fraction (0.1440 = 14.40 %), at most 6 places, kept as given."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(as_string=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        rate = _parse_decimal(value, invalid=msg.RATE_INVALID)
        if _exponent(rate) < -6:
            raise ValidationError(msg.RATE_PLACES)
        if rate.is_signed() or rate > 1:
            raise ValidationError(msg.RATE_RANGE)
        return rate


class Date(fields.Date):
    """A calendar date written exactly as YYYY-MM-DD."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> dt.date:
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise ValidationError(msg.DATE_FORMAT)
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise ValidationError(msg.DATE_INVALID) from exc


class Integer(fields.Integer):
    """A JSON integer in [minimum, maximum]: no bool or string; 7.0 is 7, as in JSON Schema."""

    def __init__(self, *, minimum: int, maximum: int, **kwargs: Any) -> None:
        self.minimum = minimum
        self.maximum = maximum
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        # JSON numbers with a fraction arrive as Decimal; an integral one is an integer
        if isinstance(value, Decimal | float) and math.isfinite(value) and value == int(value):
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(msg.NOT_AN_INTEGER)
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(msg.INTEGER_RANGE.format(min=self.minimum, max=self.maximum))
        return value


class Boolean(fields.Boolean):
    """A JSON true or false, nothing truthy."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(msg.NOT_A_BOOLEAN)
        return value


class Items(fields.List):
    """A list of `minimum` to `maximum` items, counted before any item is loaded."""

    def __init__(self, inner: fields.Field, *, minimum: int, maximum: int, **kwargs: Any) -> None:
        self.minimum = minimum
        self.maximum = maximum
        super().__init__(inner, **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[Any]:
        # Counting first keeps a 100 000-item list from being validated item by item.
        if isinstance(value, list) and not self.minimum <= len(value) <= self.maximum:
            raise ValidationError(msg.LIST_LENGTH.format(min=self.minimum, max=self.maximum))
        return super()._deserialize(value, attr, data, **kwargs)
