"""Put the case's free text in the edition's language: i18n, template defaults, OpenCC or a 422.

English editions (en-US, en-GB) print a registered Chinese name with its English beside it when
the payload gives one; other free text comes from `i18n.en`, is already Latin, or falls back to
the template's English wording (default claims, default channels, the hours phrased in English).
Traditional editions (zh-HK, zh-TW) take `i18n.zh-Hant`, else convert Simplified free text with
OpenCC. A registered name printed in its registered (Chinese / Simplified) form sets the note the
edition prints once: names are given in their registered Chinese form.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from doc_service.formatting.traditional import to_traditional
from schemas.messages import NO_ENGLISH

# Names of persons and bodies, addresses and references, by the object that holds them (""
# is the case itself): printed in their registered form, never translated by the service.
REGISTERED: dict[str, tuple[str, ...]] = {
    "": ("letter_number",),
    "creditor": ("name", "address", "legal_representative"),
    "debtor": ("name", "address", "legal_representative"),
    "co_debtors.*": ("name", "address", "legal_representative"),
    "guarantors.*": ("name", "address", "legal_representative", "guarantee_contract_number"),
    "agreement.guarantor": ("name", "address", "legal_representative"),
    "repayment.account": ("name", "bank"),
    "contact": ("name",),
    "law_firm": ("name", "address"),
    "law_firm.lawyers.*": ("name",),
    "litigation": ("court",),
    "agreement": ("forum",),
    "agreement.mediator": ("organization", "name"),
    # the earlier letters a litigation notice cites, as their own records hold them
    "earlier_letters.*": ("letter_number",),
    "earlier_letters.*.law_firm": ("name",),
    "delivery": ("carrier", "address"),
}
# Sentences an edition must print in its own language.
TEXTS: dict[str, tuple[str, ...]] = {
    "contact": ("hours",),
    "repayment": ("channels",),
    "litigation": ("claims",),
    "litigation.evidence.*": ("title", "purpose"),
    "enclosures.*": ("title",),
}
# Sentences with no English wording of the template's own: i18n.en, Latin text, or a 422.
ENGLISH_ONLY_GIVEN: dict[str, tuple[str, ...]] = {
    "litigation.evidence.*": ("title", "purpose"),
    "enclosures.*": ("title",),
}

_CJK = re.compile("[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]")
# Contact hours as Chinese payloads write them, phrased in English (longest first).
_HOURS_PHRASES = (
    ("法定节假日除外", "except public holidays"),
    ("节假日除外", "except public holidays"),
    ("星期一至星期五", "Monday to Friday"),
    ("星期一至星期六", "Monday to Saturday"),
    ("星期一至星期日", "Monday to Sunday"),
    ("周一至周五", "Monday to Friday"),
    ("周一至周六", "Monday to Saturday"),
    ("周一至周日", "Monday to Sunday"),
    ("工作日", "working days"),
    ("每天", "daily"),
    ("每日", "daily"),
    ("周末", "weekends"),
    ("节假日", "public holidays"),
    ("至", " to "),
    ("，", ", "),
    ("、", ", "),
    ("；", "; "),
    ("（", " ("),
    ("）", ")"),
)


def has_cjk(text: str) -> bool:
    """Tell whether text holds Chinese characters or full-width punctuation."""
    return bool(_CJK.search(text))


def english_hours(hours: str) -> str | None:
    """Return Chinese contact hours phrased in English, or None when a word is not known."""
    text = hours
    for chinese, english in _HOURS_PHRASES:
        text = text.replace(chinese, english)
    if has_cjk(text):
        return None
    text = re.sub(r"\s+", " ", text).strip(" ,;")
    text = text[:1].upper() + text[1:]
    return f"{text} (Beijing time)" if any(c.isdigit() for c in text) else text


def _objects(node: Any, path: str, at: str = "case") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (body path, object) for each object at a dotted path; `*` is any list index."""
    if not path:
        if isinstance(node, dict):
            yield at, node
        return
    step, _, rest = path.partition(".")
    if step == "*":
        for index, item in enumerate(node if isinstance(node, list) else []):
            yield from _objects(item, rest, f"{at}.{index}")
    elif isinstance(node, dict) and step in node:
        yield from _objects(node[step], rest, f"{at}.{step}")


def _translation(obj: dict[str, Any], language: str, key: str) -> Any:
    return ((obj.get("i18n") or {}).get(language) or {}).get(key)


def _any_cjk(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(item, str) and has_cjk(item) for item in values)


def english_gaps(case: dict[str, Any], locale: str) -> dict[str, list[str]]:
    """Return the free text an English edition could not print in English, by body path."""
    if not locale.startswith("en"):
        return {}
    errors: dict[str, list[str]] = {}
    for at, contact in _objects(case, "contact"):
        hours = contact.get("hours")
        if (
            isinstance(hours, str)
            and has_cjk(hours)
            and not _translation(contact, "en", "hours")
            and english_hours(hours) is None
        ):
            path = f"{at}.i18n.en.hours"
            errors[f"{at}.hours"] = [NO_ENGLISH.format(locale=locale, path=path)]
    for path, keys in ENGLISH_ONLY_GIVEN.items():
        for at, obj in _objects(case, path):
            for key in keys:
                if _any_cjk(obj.get(key)) and not _translation(obj, "en", key):
                    message = NO_ENGLISH.format(locale=locale, path=f"{at}.i18n.en.{key}")
                    errors[f"{at}.{key}"] = [message]
    return errors


@dataclass(frozen=True)
class Edition:
    """The case as an edition prints it, and whether it keeps registered names untranslated."""

    case: dict[str, Any]
    registered_names_note: bool


def localise(case: dict[str, Any], locale: str, default_channels: list[str]) -> Edition:
    """Return the case with every printed free text in the edition's language."""
    if locale.startswith("en"):
        return _english(copy.deepcopy(case), default_channels)
    if locale in ("zh-HK", "zh-TW"):
        return _traditional(copy.deepcopy(case), locale)
    return Edition(case, False)


def _english(case: dict[str, Any], default_channels: list[str]) -> Edition:
    note = False
    for path, keys in REGISTERED.items():
        for _, obj in _objects(case, path):
            for key in keys:
                value, english = obj.get(key), _translation(obj, "en", key)
                if not isinstance(value, str) or not has_cjk(value):
                    continue
                if english:
                    obj[key] = f"{value} ({english})"
                else:
                    note = True
    for _, contact in _objects(case, "contact"):
        hours = contact.get("hours")
        english = _translation(contact, "en", "hours")
        if english:
            contact["hours"] = english
        elif isinstance(hours, str) and has_cjk(hours):
            contact["hours"] = english_hours(hours) or hours
    for _, repayment in _objects(case, "repayment"):
        english = _translation(repayment, "en", "channels")
        if english:
            repayment["channels"] = english
        elif _any_cjk(repayment.get("channels")):
            repayment["channels"] = list(default_channels)
    for _, litigation in _objects(case, "litigation"):
        english = _translation(litigation, "en", "claims")
        if english:
            litigation["claims"] = english
        elif _any_cjk(litigation.get("claims")):
            # the layout then places the template's own claims (t.default_claims)
            litigation["claims"] = None
    for path, keys in ENGLISH_ONLY_GIVEN.items():
        for _, obj in _objects(case, path):
            for key in keys:
                obj[key] = _translation(obj, "en", key) or obj.get(key)
    return Edition(case, note)


def _traditional(case: dict[str, Any], locale: str) -> Edition:
    note = False
    for path, keys in REGISTERED.items():
        for _, obj in _objects(case, path):
            for key in keys:
                value, given = obj.get(key), _translation(obj, "zh-Hant", key)
                if given:
                    obj[key] = given
                elif isinstance(value, str) and to_traditional(value, locale) != value:
                    note = True
    for path, keys in TEXTS.items():
        for _, obj in _objects(case, path):
            for key in keys:
                value, given = obj.get(key), _translation(obj, "zh-Hant", key)
                if given:
                    obj[key] = given
                elif isinstance(value, str):
                    obj[key] = to_traditional(value, locale)
                elif isinstance(value, list):
                    obj[key] = [to_traditional(item, locale) for item in value]
    return Edition(case, note)
