"""Read the times stated in `contact.hours` and keep them inside the lawful contact window."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from . import messages
from .model import Violation
from .normalise import analyse
from .policy import Policy
from .wording import find

_CN = "零〇一二两三四五六七八九十"
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_PM = ("下午", "傍晚", "晚上", "夜间", "夜里", "晚")
_PREFIX = "上午|早上|早晨|凌晨|中午|" + "|".join(_PM)
_DASH = "-–—~～至到"
_TIME = re.compile(
    rf"(?P<prefix>{_PREFIX})?\s*(?:"
    r"(?P<h>\d{1,2})\s*[:.]\s*(?P<m>\d{2})"  # 9:00, 21.30
    rf"|(?P<ch>\d{{1,2}}|[{_CN}]{{1,3}})\s*[点點时時]"  # 9点, 21时, 九點
    rf"(?:\s*(?P<cm>半|\d{{1,2}}|[{_CN}]{{1,3}})\s*分?)?"  # 30分, 半
    r"|(?P<ah>\d{1,2})(?=\s*[ap]\.?m\b)"  # 9am
    r")\s*(?P<suffix>[ap]\.?m\b\.?)?",
    re.IGNORECASE,
)
# "9-18" names hours without saying so; weekday spans such as 周1-5 and dates are left alone.
_BARE_RANGE = re.compile(
    rf"(?<![\d周期拜:.])(\d{{1,2}})(\s*[{_DASH}]\s*)(\d{{1,2}})(?![\d:.点點时時号日月])"
)
_RANGE_GAP = re.compile(rf"\s*(?:[{_DASH}]|to|until|till)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class StatedTime:
    """A time of day found in text, as minutes after midnight, and where it was found."""

    minutes: int
    start: int
    end: int
    marked: bool  # carried its own 上午/下午/am/pm
    evening: bool

    @property
    def label(self) -> str:
        """Return the time as HH:MM (24:00 stays 24:00)."""
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"


def _prepare(text: str) -> str:
    # NFKC turns full-width digits and the full-width colon into ASCII.
    return _BARE_RANGE.sub(r"\1点\2\3点", unicodedata.normalize("NFKC", text))


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token == "半":  # noqa: S105 - half an hour, not a password
        return 30
    # 九 → 9, 十 → 10, 十二 → 12, 二十一 → 21: enough for hours and whole minutes.
    if "十" not in token:
        return _CN_DIGITS.get(token, 99)
    tens, _, units = token.partition("十")
    return (_CN_DIGITS.get(tens, 99) if tens else 1) * 10 + (
        _CN_DIGITS.get(units, 99) if units else 0
    )


def _parse(text: str) -> list[StatedTime]:
    times = []
    for match in _TIME.finditer(text):
        hour = _number(next(match[g] for g in ("h", "ch", "ah") if match[g] is not None))
        minute = _number(match["m"] or match["cm"] or "0")
        prefix, suffix = match["prefix"], (match["suffix"] or "").lower()
        evening = prefix in _PM or suffix.startswith("p")
        if (evening and hour < 12) or (prefix == "中午" and hour < 3):
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        # An impossible reading (25点, 9:75) counts as outside any window rather than vanishing.
        minutes = hour * 60 + minute if hour <= 24 and minute < 60 else 24 * 60 + 1
        times.append(
            StatedTime(minutes, match.start(), match.end(), bool(prefix or suffix), evening)
        )
    return times


def stated_times(text: str) -> tuple[list[StatedTime], list[tuple[StatedTime, StatedTime]]]:
    """Return the times stated in `text` on the 24-hour clock, and which pairs form ranges."""
    prepared = _prepare(text)
    times = _parse(prepared)
    pairs = []
    for index in range(len(times) - 1):
        first, second = times[index], times[index + 1]
        if _RANGE_GAP.fullmatch(prepared[first.end : second.start]):
            if first.evening and not second.marked and second.minutes < 12 * 60:
                # 下午2点至6点: the end shares the afternoon of the start.
                second = times[index + 1] = replace(second, minutes=second.minutes + 12 * 60)
            pairs.append((first, second))
    return times, pairs


def check_contact_hours(
    hours: str, policy: Policy, lang: str, path: str = "case.contact.hours"
) -> list[Violation]:
    """Return violations for times outside the contact window or round-the-clock promises."""
    window = policy.contact_hours
    earliest = window.earliest.hour * 60 + window.earliest.minute
    latest = window.latest.hour * 60 + window.latest.minute
    bounds = {"earliest": window.earliest, "latest": window.latest}

    def violation(key: str, **values: object) -> Violation:
        return Violation("contact_hours", path, messages.text(lang, key, **values))

    violations = [
        violation("contact_hours.round_the_clock", pattern=pattern.text, **bounds)
        for pattern in find(analyse(hours), window.round_the_clock)
    ]
    times, ranges = stated_times(hours)
    outside = {t.label: t for t in times if not earliest <= t.minutes <= latest}
    violations += [violation("contact_hours.outside", value=label, **bounds) for label in outside]
    violations += [
        violation("contact_hours.wraps", start=start.label, end=end.label)
        for start, end in ranges
        if end.minutes < start.minutes
    ]
    return violations
