"""Find forbidden wording in every free-text field of a case that reaches a document."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from schemas.printed import text_fields

from . import messages
from .model import Violation
from .normalise import Analysed, analyse
from .policy import Pattern, Policy

# Every string field of the case schema but closed vocabularies, i18n values and lists
# included, as dotted paths under `case`; `*` stands for any list index. Read off the schemas
# (schemas.printed), so a field added to the contract is checked from the day it exists.
CHECKED_FIELDS: tuple[str, ...] = tuple(path for path, _ in text_fields())
# Identifiers carry no words: a Latin phrase run together inside one ("WEWILLARRESTYOU") counts.
IDENTIFIER_FIELDS: frozenset[str] = frozenset(path for path, ident in text_fields() if ident)


def iter_text_fields(
    case: Mapping[str, Any], patterns: Iterable[str] = CHECKED_FIELDS
) -> Iterator[tuple[str, str, str]]:
    """Yield (field pattern, dotted body path, text) for every string a pattern selects."""
    for pattern in patterns:
        for path, text in _walk(case, pattern.split("."), "case"):
            yield pattern, path, text


def _walk(node: Any, steps: Sequence[str], path: str) -> Iterator[tuple[str, str]]:
    if not steps:
        if isinstance(node, str):
            yield path, node
        return
    step, rest = steps[0], steps[1:]
    if isinstance(node, Mapping):
        keys = list(node) if step == "*" else [step] if step in node else []
        for key in keys:
            yield from _walk(node[key], rest, f"{path}.{key}")
    elif isinstance(node, list | tuple) and step == "*":
        for index, item in enumerate(node):
            yield from _walk(item, rest, f"{path}.{index}")


def matches(text: Analysed, pattern: Pattern, *, anywhere: bool = False) -> bool:
    """Tell whether a normalised pattern occurs in an analysed text (anywhere: ignore words)."""
    if not pattern.latin or anywhere:
        # Chinese has no spaces between words, so a CJK phrase may sit anywhere.
        return pattern.normalised in text.collapsed
    # A Latin phrase must begin where a word begins and end where a word ends. Spaced-out
    # evasions ("a r r e s t", "ar-rest") still align, "Arrester Street", "Jailani Road" and
    # "familiar" do not. The price: words that happen to join into a listed word ("li ar") match.
    start = text.collapsed.find(pattern.normalised)
    while start != -1:
        if start in text.starts and start + len(pattern.normalised) in text.ends:
            return True
        start = text.collapsed.find(pattern.normalised, start + 1)
    return False


# one alternation per tuple of patterns, keyed by the tuple's id (the tuple is kept alive with it)
_scanners: dict[int, tuple[tuple[Pattern, ...], re.Pattern[str]]] = {}
_scanners_lock = threading.Lock()


def _scanner(patterns: tuple[Pattern, ...]) -> re.Pattern[str]:
    """Return one regex that finds any of the patterns as a plain substring."""
    entry = _scanners.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        alternation = "|".join(re.escape(pattern.normalised) for pattern in patterns)
        entry = (patterns, re.compile(alternation or "(?!)"))
        with _scanners_lock:
            if len(_scanners) >= 256:  # policies loaded again and again (tests): stay bounded
                _scanners.clear()
            _scanners[id(patterns)] = entry
    return entry[1]


def find(text: Analysed, patterns: Iterable[Pattern], *, anywhere: bool = False) -> list[Pattern]:
    """Return the patterns that occur in `text`, in policy order."""
    if isinstance(patterns, tuple) and not _scanner(patterns).search(text.collapsed):
        # nearly every field holds no listed phrase: one scan says so, not one per phrase
        return []
    return [pattern for pattern in patterns if matches(text, pattern, anywhere=anywhere)]


def check_wording(case: Mapping[str, Any], policy: Policy, lang: str) -> list[Violation]:
    """Return one violation per field and category of forbidden wording found."""
    violations = []
    for field, path, value in iter_text_fields(case):
        text = analyse(value)
        anywhere = field in IDENTIFIER_FIELDS
        for category in policy.forbidden_wording:
            found = find(text, category.patterns, anywhere=anywhere)
            if found:
                message = messages.text(
                    lang,
                    "forbidden_wording",
                    message=category.message(lang),
                    patterns=messages.text(lang, "list_separator").join(p.text for p in found),
                )
                violations.append(Violation(f"forbidden_wording.{category.name}", path, message))
    return violations
