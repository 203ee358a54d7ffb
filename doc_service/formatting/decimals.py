"""Validate and round the Decimal values the formatters accept."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def exact_decimal(value: Decimal, what: str = "amount") -> Decimal:
    """Return value as a finite Decimal, refusing floats and other types."""
    # bool is an int subclass; a True amount is a caller bug, not one yuan.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{what} must be a Decimal (or int), not {type(value).__name__}")
    result = Decimal(value)
    if not result.is_finite():
        raise ValueError(f"{what} must be finite, got {value}")
    return result


def round_money(amount: Decimal) -> Decimal:
    """Round an amount half-up to the cent, without a negative zero."""
    rounded = exact_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    # -0.001 rounds to -0.00, which Babel would print as "-0.00".
    return rounded.copy_abs() if rounded.is_zero() else rounded
