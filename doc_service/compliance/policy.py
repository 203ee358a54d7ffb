"""The compliance policy: a YAML file parsed into frozen, validated settings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from schemas.catalogue import CATALOGUE

from .normalise import is_latin, normalise
from .policy_parse import PolicyError, clock, days, doc_types, mapping, only, rate, strings
from .retention import RetentionPolicy, parse_retention

DEFAULT_POLICY_PATH = Path(__file__).with_name("default_policy.yaml")
INTEREST_MODES = ("licensed", "private_lending")
LANGUAGES = ("en", "zh")
_DEFAULT_MIN_DAYS = {
    name: kind.notice_days for name, kind in CATALOGUE.items() if kind.notice_days is not None
}

__all__ = ["DEFAULT_POLICY_PATH", "Policy", "PolicyError", "load_policy", "parse_policy"]


@dataclass(frozen=True)
class Pattern:
    """A forbidden phrase as written in the policy and in its normalised matching form."""

    text: str
    normalised: str
    latin: bool


@dataclass(frozen=True)
class InterestPolicy:
    """Which interest cap applies: a licensed lender's fixed cap or 4 × the one-year LPR."""

    mode: str
    max_annual_rate: Decimal
    lpr_one_year: Decimal | None
    # the cap also binds interest and fees together (compliance/all_in_cost.py)
    all_in_cost: bool = True

    @property
    def cap(self) -> Decimal:
        """Return the highest lawful annual rate under this mode."""
        if self.mode == "private_lending":
            assert self.lpr_one_year is not None  # guaranteed by the parser
            return 4 * self.lpr_one_year
        return self.max_annual_rate


@dataclass(frozen=True)
class NoticePolicy:
    """How long a debtor must be given to pay, and a law firm's addressee to reply."""

    min_days: tuple[tuple[str, int], ...]
    min_reply_days: int
    filing_after_deadline: bool

    def min_days_for(self, document_type: str) -> int | None:
        """Return the minimum notice period of a document type, or None if it has none."""
        return dict(self.min_days).get(document_type)


@dataclass(frozen=True)
class EscalationPolicy:
    """Which earlier documents a later step of the collection process requires."""

    litigation_notice_requires: tuple[str, ...]
    lawyer_letter_requires_dunning_letter: bool


@dataclass(frozen=True)
class ContactHoursPolicy:
    """The window in which the debtor may be contacted, and phrases that promise any hour."""

    earliest: time
    latest: time
    round_the_clock: tuple[Pattern, ...]


@dataclass(frozen=True)
class WordingCategory:
    """A kind of forbidden wording, its explanation per language and its phrases."""

    name: str
    messages: tuple[tuple[str, str], ...]
    patterns: tuple[Pattern, ...]

    def message(self, lang: str) -> str:
        """Return the explanation of this category in `lang` (en or zh)."""
        return dict(self.messages)[lang]


@dataclass(frozen=True)
class Policy:
    """A complete, validated compliance policy and the exact bytes it was read from."""

    name: str
    interest: InterestPolicy
    notice: NoticePolicy
    escalation: EscalationPolicy
    contact_hours: ContactHoursPolicy
    min_account_digits: int
    forbidden_wording: tuple[WordingCategory, ...]
    source: bytes = field(repr=False)
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)

    @property
    def digest(self) -> str:
        """Return the SHA-256 hex of the raw policy file, as `sha256sum` would print it."""
        # Raw bytes, not a canonical form: an auditor recomputes it with no code of ours, and
        # any edit to the file, even a comment, is a new policy version on record.
        return hashlib.sha256(self.source).hexdigest()


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that refuses duplicate keys instead of keeping the last one silently."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def load_policy(path: str | Path | None = None) -> Policy:
    """Read, parse and validate a policy file; None reads the shipped default."""
    source_path = Path(path) if path is not None else DEFAULT_POLICY_PATH
    try:
        raw = source_path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"cannot read policy file {source_path}: {exc.strerror}") from exc
    return parse_policy(raw, origin=str(source_path))


def parse_policy(raw: bytes, *, origin: str = "<policy>") -> Policy:
    """Parse policy YAML bytes into a Policy, or raise PolicyError saying what is wrong."""
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_StrictLoader)  # noqa: S506 - safe subclass
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PolicyError(f"{origin}: not valid UTF-8 YAML: {exc}") from exc
    try:
        return _build(mapping(data, "policy"), raw)
    except PolicyError as exc:
        raise PolicyError(f"{origin}: {exc}") from None


def _build(data: dict[str, Any], raw: bytes) -> Policy:
    only(
        data,
        {
            "name",
            "interest",
            "notice",
            "escalation",
            "contact_hours",
            "payment",
            "forbidden_wording",
            "retention",
        },
        "policy",
    )
    if "forbidden_wording" not in data:
        # Required on purpose: leaving it out must not silently switch the wording checks off.
        raise PolicyError("policy: forbidden_wording is required (use {} to check no wording)")
    payment = mapping(data.get("payment", {}), "payment")
    only(payment, {"min_account_digits"}, "payment")
    return Policy(
        name=strings([data.get("name", "unnamed")], "name")[0],
        interest=_interest(mapping(data.get("interest", {}), "interest")),
        notice=_notice(mapping(data.get("notice", {}), "notice")),
        escalation=_escalation(mapping(data.get("escalation", {}), "escalation")),
        contact_hours=_contact_hours(mapping(data.get("contact_hours", {}), "contact_hours")),
        min_account_digits=days(
            payment.get("min_account_digits", 12), "payment.min_account_digits"
        ),
        forbidden_wording=_wording(mapping(data["forbidden_wording"], "forbidden_wording")),
        source=raw,
        retention=parse_retention(data.get("retention")),
    )


def _interest(data: dict[str, Any]) -> InterestPolicy:
    only(data, {"mode", "max_annual_rate", "lpr_one_year", "all_in_cost"}, "interest")
    all_in = data.get("all_in_cost", True)
    if not isinstance(all_in, bool):
        raise PolicyError("interest.all_in_cost: expected true or false")
    mode = data.get("mode", "licensed")
    if mode not in INTEREST_MODES:
        raise PolicyError(f"interest.mode: {mode!r} is not one of {', '.join(INTEREST_MODES)}")
    lpr = data.get("lpr_one_year")
    if mode == "private_lending" and lpr is None:
        raise PolicyError("interest.lpr_one_year is required in private_lending mode")
    return InterestPolicy(
        mode=mode,
        max_annual_rate=rate(data.get("max_annual_rate", "0.24"), "interest.max_annual_rate"),
        lpr_one_year=None if lpr is None else rate(lpr, "interest.lpr_one_year"),
        all_in_cost=all_in,
    )


def _notice(data: dict[str, Any]) -> NoticePolicy:
    only(data, {"min_days", "min_reply_days", "filing_after_deadline"}, "notice")
    min_days = mapping(data.get("min_days", _DEFAULT_MIN_DAYS), "notice.min_days")
    doc_types(list(min_days), "notice.min_days")
    filing = data.get("filing_after_deadline", True)
    if not isinstance(filing, bool):
        raise PolicyError("notice.filing_after_deadline: expected true or false")
    return NoticePolicy(
        min_days=tuple(
            (doc, days(value, f"notice.min_days.{doc}")) for doc, value in sorted(min_days.items())
        ),
        min_reply_days=days(data.get("min_reply_days", 7), "notice.min_reply_days"),
        filing_after_deadline=filing,
    )


def _escalation(data: dict[str, Any]) -> EscalationPolicy:
    only(
        data, {"litigation_notice_requires", "lawyer_letter_requires_dunning_letter"}, "escalation"
    )
    requires = data.get("litigation_notice_requires", ["dunning_letter", "lawyer_letter"])
    flag = data.get("lawyer_letter_requires_dunning_letter", False)
    if not isinstance(flag, bool):
        raise PolicyError(
            "escalation.lawyer_letter_requires_dunning_letter: expected true or false"
        )
    return EscalationPolicy(
        litigation_notice_requires=doc_types(requires, "escalation.litigation_notice_requires"),
        lawyer_letter_requires_dunning_letter=flag,
    )


def _contact_hours(data: dict[str, Any]) -> ContactHoursPolicy:
    only(data, {"earliest", "latest", "round_the_clock"}, "contact_hours")
    earliest = clock(data.get("earliest", "08:00"), "contact_hours.earliest")
    latest = clock(data.get("latest", "22:00"), "contact_hours.latest")
    if earliest >= latest:
        raise PolicyError("contact_hours: earliest must be before latest")
    phrases = data.get("round_the_clock", [])
    return ContactHoursPolicy(earliest, latest, _patterns(phrases, "contact_hours.round_the_clock"))


def _wording(data: dict[str, Any]) -> tuple[WordingCategory, ...]:
    categories = []
    for name, body in data.items():
        where = f"forbidden_wording.{name}"
        if not isinstance(name, str) or not name.replace("_", "").isalnum():
            raise PolicyError(f"{where}: a category name is letters, digits and _ only")
        body = mapping(body, where)
        only(body, {"message", "patterns"}, where)
        message = mapping(body.get("message"), f"{where}.message")
        if set(message) != set(LANGUAGES):
            raise PolicyError(f"{where}.message: give exactly the languages {', '.join(LANGUAGES)}")
        texts = tuple(
            (lang, strings([message[lang]], f"{where}.message.{lang}")[0]) for lang in LANGUAGES
        )
        categories.append(WordingCategory(name, texts, _patterns(body.get("patterns"), where)))
    return tuple(categories)


def _patterns(value: Any, where: str) -> tuple[Pattern, ...]:
    patterns = []
    for index, phrase in enumerate(strings(value, f"{where}.patterns")):
        normalised = normalise(phrase)
        if not normalised:
            raise PolicyError(f"{where}.patterns.{index}: {phrase!r} has no letters or digits")
        patterns.append(Pattern(phrase, normalised, is_latin(normalised)))
    return tuple(patterns)
