from decimal import Decimal

import pytest

from doc_service.formatting import SUPPORTED_LOCALES, format_money, format_number, format_rate

MONEY = {
    "zh-CN": "人民币13,580.23元",
    "zh-HK": "人民幣13,580.23元",
    "zh-TW": "人民幣13,580.23元",
    "en-US": "RMB\u00a013,580.23",
    "en-GB": "RMB\u00a013,580.23",
}


@pytest.mark.parametrize(("locale", "expected"), MONEY.items())
def test_format_money(locale, expected):
    assert format_money(Decimal("13580.23"), locale) == expected


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("13580.23", "13,580.23"),
        ("0", "0.00"),
        ("5", "5.00"),
        ("1000000", "1,000,000.00"),
        ("99999999999.99", "99,999,999,999.99"),
        ("0.125", "0.13"),  # half-up; Babel alone rounds half-even to 0.12
        ("2.675", "2.68"),
        ("1234.5", "1,234.50"),
        ("-1234.565", "-1,234.57"),
        ("-0.001", "0.00"),  # no negative zero
    ],
)
def test_format_number(amount, expected, locale):
    assert format_number(Decimal(amount), locale) == expected


def test_format_money_rounds_half_up():
    assert format_money(Decimal("0.125"), "zh-CN") == "人民币0.13元"


def test_format_money_rejects_other_currencies():
    with pytest.raises(ValueError, match="CNY"):
        format_money(Decimal("1"), "en-US", currency="USD")


@pytest.mark.parametrize("bad", [1.5, "1.50", None])
def test_figures_reject_non_decimal(bad):
    with pytest.raises(TypeError):
        format_number(bad, "zh-CN")
    with pytest.raises(TypeError):
        format_money(bad, "zh-CN")


def test_figures_reject_unsupported_locale():
    with pytest.raises(ValueError, match="unsupported locale"):
        format_number(Decimal("1"), "de-DE")
    with pytest.raises(ValueError, match="unsupported locale"):
        format_money(Decimal("1"), "de-DE")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("0.1440", "14.40%"),
        ("0.144", "14.40%"),
        ("0.24", "24.00%"),
        ("0.0385", "3.85%"),
        ("0.154", "15.40%"),
        ("0.12345", "12.345%"),
        ("0.123456", "12.3456%"),
        ("0.1234565", "12.3457%"),  # half-up at the fourth decimal of the percent
        ("0.1234564", "12.3456%"),
        ("0", "0.00%"),
        ("1", "100.00%"),
        ("12.5", "1,250.00%"),
    ],
)
def test_format_rate(rate, expected, locale):
    assert format_rate(Decimal(rate), locale) == expected


def test_format_rate_rejects_float():
    with pytest.raises(TypeError):
        format_rate(0.144, "zh-CN")
