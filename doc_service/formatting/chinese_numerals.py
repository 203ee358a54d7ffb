"""Write non-negative integers in Chinese numerals, lower-case or financial capitals.

Hand-coded rather than cn2an 0.5.24: its clean-up regex drops the 零 between 亿 and a
thousands digit when the whole 万 group is zero, e.g. 100001000 → "壹亿壹仟" instead of
"壹亿零壹仟" (the zeros of the 万 group must be read as one 零).
"""

from dataclasses import dataclass

_GROUP = 10_000


@dataclass(frozen=True)
class Numerals:
    digits: str  # 0-9
    small_units: tuple[str, str, str, str]  # ones, tens, hundreds, thousands
    big_units: tuple[str, str, str]  # ones, 10**4, 10**8


LOWER = Numerals("零一二三四五六七八九", ("", "十", "百", "千"), ("", "万", "亿"))
CAPITAL = Numerals("零壹贰叁肆伍陆柒捌玖", ("", "拾", "佰", "仟"), ("", "万", "亿"))

# Largest value writable with 亿 as the top unit (9999亿9999万9999).
MAX_VALUE = _GROUP ** len(LOWER.big_units) - 1


def _group_words(group: int, numerals: Numerals) -> str:
    """Write 1..9999 with one 零 for each run of inner zeros."""
    out: list[str] = []
    zero_pending = False
    for position, char in zip((3, 2, 1, 0), f"{group:04d}", strict=True):
        digit = int(char)
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(numerals.digits[0])
            zero_pending = False
        out.append(numerals.digits[digit] + numerals.small_units[position])
    return "".join(out)


def integer_words(value: int, numerals: Numerals) -> str:
    """Write a non-negative integer up to MAX_VALUE in the given numerals."""
    if value < 0 or value > MAX_VALUE:
        raise ValueError(f"{value} is outside 0..{MAX_VALUE}")
    if value == 0:
        return numerals.digits[0]
    groups: list[int] = []
    while value:
        value, group = divmod(value, _GROUP)
        groups.append(group)
    out: list[str] = []
    zero_pending = False
    for index in reversed(range(len(groups))):
        group = groups[index]
        if group == 0:
            # A whole zero group between written groups still reads as one 零.
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out.append(numerals.digits[0])
        out.append(_group_words(group, numerals) + numerals.big_units[index])
        zero_pending = False
    return "".join(out)


def lower_numerals(value: int) -> str:
    """Write an integer in lower-case numerals, 10-19 as 十… (e.g. 110 → 一百一十)."""
    words = integer_words(value, LOWER)
    # A leading 一十 is read 十 (十五, 十万), but 一十 after 百 stays (一百一十).
    return words[1:] if words.startswith("一十") else words


def capital_numerals(value: int) -> str:
    """Write an integer in financial capitals (壹拾 keeps its 壹, as banks require)."""
    return integer_words(value, CAPITAL)
