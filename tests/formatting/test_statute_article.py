import pytest

from doc_service.formatting import SUPPORTED_LOCALES, statute_article

SIMPLIFIED = {
    24: "第二十四条",
    25: "第二十五条",
    29: "第二十九条",
    35: "第三十五条",
    188: "第一百八十八条",
    195: "第一百九十五条",
    577: "第五百七十七条",
    585: "第五百八十五条",
    667: "第六百六十七条",
    674: "第六百七十四条",
    675: "第六百七十五条",
    676: "第六百七十六条",
    1: "第一条",
    10: "第十条",
    15: "第十五条",
    100: "第一百条",
    101: "第一百零一条",
    110: "第一百一十条",
    1010: "第一千零一十条",
    1260: "第一千二百六十条",
}


@pytest.mark.parametrize(("number", "expected"), SIMPLIFIED.items())
def test_zh_cn(number, expected):
    assert statute_article(number, "zh-CN") == expected


@pytest.mark.parametrize("locale", ["zh-HK", "zh-TW"])
@pytest.mark.parametrize(("number", "simplified"), SIMPLIFIED.items())
def test_traditional(number, simplified, locale):
    assert statute_article(number, locale) == simplified.replace("条", "條")


@pytest.mark.parametrize("locale", ["en-US", "en-GB"])
@pytest.mark.parametrize("number", SIMPLIFIED)
def test_english(number, locale):
    assert statute_article(number, locale) == f"Article {number}"


@pytest.mark.parametrize("bad", [0, -1, True, "188", 1.0])
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_rejects_non_positive_ints(bad, locale):
    with pytest.raises(ValueError):
        statute_article(bad, locale)


def test_rejects_unsupported_locale():
    with pytest.raises(ValueError, match="unsupported locale"):
        statute_article(188, "zh-SG")
