"""Format calendar dates in each locale's CLDR long form."""

from datetime import date, datetime

from babel.dates import format_date as babel_format_date

from .locales import babel_locale


def format_date(d: date, locale: str) -> str:
    """Format a date in the locale's long form (2025年3月7日, March 7, 2025, 7 March 2025)."""
    # A datetime's calendar day depends on its timezone; callers must choose it explicitly.
    if isinstance(d, datetime) or not isinstance(d, date):
        raise TypeError(f"expected a date, not {type(d).__name__}")
    return babel_format_date(d, format="long", locale=babel_locale(locale))
