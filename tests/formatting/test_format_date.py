from datetime import date, datetime

import pytest

from doc_service.formatting import format_date

CASES = {
    "zh-CN": ("2025年3月7日", "2025年12月31日"),
    "zh-HK": ("2025年3月7日", "2025年12月31日"),
    "zh-TW": ("2025年3月7日", "2025年12月31日"),
    "en-US": ("March 7, 2025", "December 31, 2025"),
    "en-GB": ("7 March 2025", "31 December 2025"),
}


@pytest.mark.parametrize(("locale", "expected"), CASES.items())
def test_long_dates(locale, expected):
    assert format_date(date(2025, 3, 7), locale) == expected[0]
    assert format_date(date(2025, 12, 31), locale) == expected[1]


def test_rejects_datetime():
    # The calendar day of a datetime depends on a timezone the caller must pick.
    with pytest.raises(TypeError):
        format_date(datetime(2025, 3, 7, 23, 30), "zh-CN")


def test_rejects_strings():
    with pytest.raises(TypeError):
        format_date("2025-03-07", "zh-CN")


def test_rejects_unsupported_locale():
    with pytest.raises(ValueError, match="unsupported locale"):
        format_date(date(2025, 3, 7), "ja-JP")
