"""Write an RMB amount in words: Chinese financial capitals or English."""

from decimal import Decimal

from num2words import num2words

from .chinese_numerals import CAPITAL, MAX_VALUE, capital_numerals
from .decimals import round_money
from .locales import is_chinese, is_traditional, require_supported
from .traditional import to_traditional

# OpenCC's s2tw writes 叁 as 叄, which neither region's banks use: Hong Kong writes 叁, Taiwan
# writes 參 (壹萬參仟…, as Taiwan's banks fill in cheques and slips; DOMAIN.md).
_CAPITAL_FIXES = {
    "zh-HK": str.maketrans({"叄": "叁", "參": "叁"}),
    "zh-TW": str.maketrans({"叄": "參", "叁": "參"}),
}


def _cents(amount: Decimal) -> int:
    """Return the rounded amount as a whole number of fen, within the writable range."""
    rounded = round_money(amount)
    # The same limit for every locale, so no edition can state an amount another cannot.
    if not 0 <= rounded <= MAX_VALUE + Decimal("0.99"):
        raise ValueError(f"amount in words needs 0 <= amount < 10**12, got {amount}")
    return int(rounded * 100)


def _chinese_capitals(cents: int) -> str:
    """Write fen in Simplified capitals per the 支付结算办法 conventions."""
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    if cents == 0:
        return "零元整"
    digits = CAPITAL.digits
    parts: list[str] = []
    if yuan:
        parts.append(capital_numerals(yuan) + "元")
        if not jiao and fen:
            parts.append("零")  # 壹万元零伍分: the zero jiao is read.
    if jiao:
        parts.append(digits[jiao] + "角")
    if fen:
        parts.append(digits[fen] + "分")
    if not rest:
        # 整 only after 元; after 角 the standard makes it optional and we omit it.
        parts.append("整")
    return "".join(parts)


def _english_integer(value: int, british: bool) -> str:
    """Write an integer in English; British style keeps "and" after hundreds."""
    # An int keeps num2words on its integer path (its float path calls float()).
    words = str(num2words(value, lang="en")).replace(",", "")
    return words if british else words.replace(" and ", " ")


def _english(cents: int, british: bool) -> str:
    """Write fen as "… yuan and … fen" (jiao are expressed as fen)."""
    yuan, fen = divmod(cents, 100)
    yuan_words = f"{_english_integer(yuan, british)} yuan"
    if not fen:
        return yuan_words
    fen_words = f"{_english_integer(fen, british)} fen"
    return f"{yuan_words} and {fen_words}" if yuan else fen_words


def amount_in_words(amount: Decimal, locale: str) -> str:
    """Write a non-negative RMB amount, rounded half-up to the fen, in words."""
    require_supported(locale)
    cents = _cents(amount)
    if not is_chinese(locale):
        return _english(cents, british=locale == "en-GB")
    capitals = _chinese_capitals(cents)
    if is_traditional(locale):
        return to_traditional(capitals, locale).translate(_CAPITAL_FIXES[locale])
    return capitals
