import builtins
from decimal import Decimal

import pytest

from doc_service.formatting import SUPPORTED_LOCALES, amount_in_words

SIMPLIFIED = [
    ("13580.23", "壹万叁仟伍佰捌拾元贰角叁分"),
    ("10000.05", "壹万元零伍分"),
    ("1000000", "壹佰万元整"),
    ("1000000.00", "壹佰万元整"),
    ("0.50", "伍角"),
    ("0", "零元整"),
    ("100.10", "壹佰元壹角"),
    ("1010.01", "壹仟零壹拾元零壹分"),
    ("100000000", "壹亿元整"),
    ("100050000.00", "壹亿零伍万元整"),
    ("0.05", "伍分"),
    ("12.30", "壹拾贰元叁角"),
    ("10", "壹拾元整"),
    ("99999999999.99", "玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    # Zero runs across group boundaries read as a single 零.
    ("100001000", "壹亿零壹仟元整"),  # cn2an 0.5.24 drops this 零
    ("10001000", "壹仟万壹仟元整"),
    ("100100000", "壹亿零壹拾万元整"),
    ("1000100010", "壹拾亿零壹拾万零壹拾元整"),
    ("101000", "壹拾万壹仟元整"),
    ("100000.05", "壹拾万元零伍分"),
    ("1000.50", "壹仟元伍角"),
    ("0.53", "伍角叁分"),
    ("20.07", "贰拾元零柒分"),
    ("999999999999.99", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]

TRADITIONAL = [
    ("13580.23", "壹萬叁仟伍佰捌拾元貳角叁分"),
    ("10000.05", "壹萬元零伍分"),
    ("1000000", "壹佰萬元整"),
    ("100050000.00", "壹億零伍萬元整"),
    ("16.20", "壹拾陸元貳角"),
    ("0", "零元整"),
]

ENGLISH = [
    # (amount, en-US, en-GB)
    (
        "13580.23",
        "thirteen thousand five hundred eighty yuan and twenty-three fen",
        "thirteen thousand five hundred and eighty yuan and twenty-three fen",
    ),
    ("1000000", "one million yuan", "one million yuan"),
    ("0.50", "fifty fen", "fifty fen"),
    ("1.01", "one yuan and one fen", "one yuan and one fen"),
    ("0", "zero yuan", "zero yuan"),
    ("100.10", "one hundred yuan and ten fen", "one hundred yuan and ten fen"),
    ("1001", "one thousand one yuan", "one thousand and one yuan"),
    (
        "123456789.99",
        "one hundred twenty-three million four hundred fifty-six thousand"
        " seven hundred eighty-nine yuan and ninety-nine fen",
        "one hundred and twenty-three million four hundred and fifty-six thousand"
        " seven hundred and eighty-nine yuan and ninety-nine fen",
    ),
]

_TO_TRADITIONAL = str.maketrans({"万": "萬", "亿": "億", "贰": "貳", "陆": "陸"})


@pytest.mark.parametrize(("amount", "expected"), SIMPLIFIED)
def test_zh_cn_capitals(amount, expected):
    assert amount_in_words(Decimal(amount), "zh-CN") == expected


# Taiwan's banks write 3 as 參; Hong Kong keeps 叁 (OpenCC's s2tw would write 叄 for both).
_THREE = {"zh-HK": str.maketrans({}), "zh-TW": str.maketrans({"叁": "參"})}


@pytest.mark.parametrize("locale", ["zh-HK", "zh-TW"])
@pytest.mark.parametrize(("amount", "expected"), TRADITIONAL)
def test_traditional_capitals(amount, expected, locale):
    assert amount_in_words(Decimal(amount), locale) == expected.translate(_THREE[locale])


def test_taiwan_writes_three_as_can():
    assert amount_in_words(Decimal("13580.23"), "zh-TW") == "壹萬參仟伍佰捌拾元貳角參分"
    assert amount_in_words(Decimal("13580.23"), "zh-HK") == "壹萬叁仟伍佰捌拾元貳角叁分"


@pytest.mark.parametrize("locale", ["zh-HK", "zh-TW"])
@pytest.mark.parametrize(("amount", "simplified"), SIMPLIFIED)
def test_traditional_differs_only_in_script(amount, simplified, locale):
    # 元 stays 元; 叁 is 叁 in Hong Kong and 參 in Taiwan.
    expected = simplified.translate(_TO_TRADITIONAL).translate(_THREE[locale])
    assert amount_in_words(Decimal(amount), locale) == expected


@pytest.mark.parametrize(("amount", "us", "gb"), ENGLISH)
def test_english(amount, us, gb):
    assert amount_in_words(Decimal(amount), "en-US") == us
    assert amount_in_words(Decimal(amount), "en-GB") == gb


def test_en_us_has_no_and_inside_the_number():
    words = amount_in_words(Decimal("101101101.01"), "en-US")
    assert words == (
        "one hundred one million one hundred one thousand one hundred one yuan and one fen"
    )


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("0.125", "壹角叁分"),  # half-even would give 壹角贰分
        ("1.005", "壹元零壹分"),  # float(1.005) is 1.00499…, so a float path gives 壹元整
        ("2.675", "贰元陆角捌分"),  # float(2.675) is 2.67499…
        ("13580.225", "壹万叁仟伍佰捌拾元贰角叁分"),
        ("13580.224", "壹万叁仟伍佰捌拾元贰角贰分"),
        ("-0.004", "零元整"),
    ],
)
def test_rounds_half_up_to_the_fen(amount, expected):
    assert amount_in_words(Decimal(amount), "zh-CN") == expected


def test_half_up_in_english():
    assert amount_in_words(Decimal("0.125"), "en-US") == "thirteen fen"


class _NoFloat(float):
    def __new__(cls, *args):
        raise AssertionError("float() was called")


class _FloatlessDecimal(Decimal):
    def __float__(self):
        raise AssertionError("Decimal.__float__ was called")


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_never_uses_float(monkeypatch, locale):
    monkeypatch.setattr(builtins, "float", _NoFloat)
    words = amount_in_words(_FloatlessDecimal("99999999999.99"), locale)
    if locale == "zh-CN":
        assert words == "玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
    assert words


def test_accepts_int():
    assert amount_in_words(10, "zh-CN") == "壹拾元整"


@pytest.mark.parametrize("bad", [1.5, "1.50", True, None])
def test_rejects_non_decimal(bad):
    with pytest.raises(TypeError):
        amount_in_words(bad, "zh-CN")


@pytest.mark.parametrize("bad", ["-0.01", "-5", "1000000000000", "NaN", "Infinity"])
@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_rejects_amounts_outside_the_range(bad, locale):
    with pytest.raises(ValueError):
        amount_in_words(Decimal(bad), locale)


@pytest.mark.parametrize("locale", ["zh_CN", "zh", "en", "fr-FR", ""])
def test_rejects_unsupported_locale(locale):
    with pytest.raises(ValueError, match="unsupported locale"):
        amount_in_words(Decimal("1"), locale)
