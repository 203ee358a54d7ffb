"""Format interest rates as percentages."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_percent

from .decimals import exact_decimal
from .locales import babel_locale

# Four decimals of a percent are six decimals of the fraction.
_RATE_STEP = Decimal("0.000001")


def format_rate(rate: Decimal, locale: str) -> str:
    """Format a fractional rate as a percent with 2 to 4 decimals (0.144 → 14.40%)."""
    rounded = exact_decimal(rate, "rate").quantize(_RATE_STEP, rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = rounded.copy_abs()
    # Pre-rounded half-up, so Babel's half-even rounding never applies.
    return format_percent(rounded, "#,##0.00##%", locale=babel_locale(locale))
