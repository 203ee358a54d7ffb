"""Format amounts as grouped figures and in the documents' money form."""

from decimal import Decimal

from babel.numbers import format_decimal

from .decimals import round_money
from .locales import babel_locale

# The documents' own form, not CLDR's currency format (¥13,580.23 for zh_Hans_CN,
# CN¥13,580.23 elsewhere): a legal letter names the currency in words, as in
# 人民币13,580.23元（大写：…）.
_MONEY_FORMS = {
    "zh-CN": "人民币{}元",
    "zh-HK": "人民幣{}元",
    "zh-TW": "人民幣{}元",
    # a no-break space: "RMB" and its figure must never be split across two lines
    "en-US": "RMB\u00a0{}",
    "en-GB": "RMB\u00a0{}",
}


def format_number(amount: Decimal, locale: str) -> str:
    """Format an amount rounded half-up to exactly two decimals, grouped per the locale."""
    # Rounding first means Babel (half-even) never rounds; the pattern only lays out digits.
    return format_decimal(round_money(amount), "#,##0.00", locale=babel_locale(locale))


def format_money(amount: Decimal, locale: str, currency: str = "CNY") -> str:
    """Format an RMB amount in the documents' form, e.g. 人民币13,580.23元."""
    if currency != "CNY":
        raise ValueError(f"only CNY amounts are supported, got {currency!r}")
    figure = format_number(amount, locale)  # validates the locale before the lookup below
    return _MONEY_FORMS[locale].format(figure)
