"""Find forbidden wording in every free-text field of a case that reaches a document."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from . import messages
from .model import Violation
from .normalise import Analysed, analyse
from .policy import Pattern, Policy

# Every payload field whose text is printed in some document, as dotted paths under `case`;
# `*` stands for any list index or mapping key. Identifiers, phones, amounts and dates are left
# out: they are validated by the schemas and cannot carry wording.
CHECKED_FIELDS: tuple[str, ...] = (
    "letter_number",
    "creditor.name",
    "creditor.address",
    "creditor.legal_representative",
    "debtor.name",
    "debtor.address",
    "repayment.account.name",
    "repayment.account.bank",
    "repayment.channels.*",
    "contact.name",
    "contact.hours",
    "law_firm.name",
    "law_firm.address",
    "law_firm.lawyers.*.name",
    "litigation.court",
    "litigation.claims.*",
    "agreement.forum",
    "agreement.mediator.*",
    "agreement.guarantor.name",
    "agreement.guarantor.address",
)


def iter_text_fields(
    case: Mapping[str, Any], patterns: Iterable[str] = CHECKED_FIELDS
) -> Iterator[tuple[str, str]]:
    """Yield (dotted body path, text) for every string in `case` that a pattern selects."""
    for pattern in patterns:
        yield from _walk(case, pattern.split("."), "case")


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


def matches(text: Analysed, pattern: Pattern) -> bool:
    """Tell whether a normalised pattern occurs in an analysed text."""
    if not pattern.latin:
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


def find(text: Analysed, patterns: Iterable[Pattern]) -> list[Pattern]:
    """Return the patterns that occur in `text`, in policy order."""
    return [pattern for pattern in patterns if matches(text, pattern)]


def check_wording(case: Mapping[str, Any], policy: Policy, lang: str) -> list[Violation]:
    """Return one violation per field and category of forbidden wording found."""
    violations = []
    for path, value in iter_text_fields(case):
        text = analyse(value)
        for category in policy.forbidden_wording:
            found = find(text, category.patterns)
            if found:
                message = messages.text(
                    lang,
                    "forbidden_wording",
                    message=category.message(lang),
                    patterns=messages.text(lang, "list_separator").join(p.text for p in found),
                )
                violations.append(Violation(f"forbidden_wording.{category.name}", path, message))
    return violations
