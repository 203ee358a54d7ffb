from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from babel import Locale

import doc_service.formatting as formatting
from doc_service.formatting.chinese_numerals import MAX_VALUE, capital_numerals, lower_numerals
from doc_service.formatting.locales import babel_locale


def test_public_api():
    assert sorted(formatting.__all__) == sorted(
        [
            "SUPPORTED_LOCALES",
            "amount_in_words",
            "count_in_words",
            "format_date",
            "format_money",
            "format_number",
            "format_rate",
            "mask_id_number",
            "mask_phone",
            "statute_article",
        ]
    )
    assert formatting.SUPPORTED_LOCALES == ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-CN", "zh_Hans_CN"),
        ("zh-HK", "zh_Hant_HK"),
        ("zh-TW", "zh_Hant_TW"),
        ("en-US", "en_US"),
        ("en-GB", "en_GB"),
    ],
)
def test_babel_locale_is_cached(tag, expected):
    assert isinstance(babel_locale(tag), Locale)
    assert str(babel_locale(tag)) == expected
    assert babel_locale(tag) is babel_locale(tag)


def test_numerals_range():
    assert capital_numerals(0) == "零"
    assert lower_numerals(100000) == "十万"
    assert lower_numerals(110000) == "十一万"
    with pytest.raises(ValueError):
        capital_numerals(MAX_VALUE + 1)
    with pytest.raises(ValueError):
        capital_numerals(-1)


@pytest.mark.parametrize("locale", ["zh-HK", "zh-TW"])
def test_traditional_conversion_is_thread_safe(locale):
    amounts = [Decimal(n) / 100 for n in range(1, 100_000_000, 999_983)]
    serial = [formatting.amount_in_words(a, locale) for a in amounts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda a: formatting.amount_in_words(a, locale), amounts))
    assert parallel == serial
