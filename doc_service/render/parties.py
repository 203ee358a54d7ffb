"""The obligors a document names and the letters it holds: debtor, co-debtors, guarantors.

Every party gets its role, its label in an agreement (乙方一, 丙方二 / Party B1, Party C2; the
bare 乙方 / Party B when it is alone on its side) and, for a guarantor, how and under which
contract it guarantees. `letters` says whom each letter of the file addresses: one letter to
every addressee (`options.addressees` "all", the default) or one letter each ("each"), debtors
first; an agreement is always one document signed by every party.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from doc_service.formatting import count_in_words

Party = dict[str, Any]


def _ordinal(n: int, locale: str) -> str:
    """Return the number that tells parties of one side apart: 一, 二 … or 1, 2 …."""
    return count_in_words(n, locale) if locale.startswith("zh") else str(n)


def _side(people: list[Party], side: str, pattern: str, locale: str) -> list[Party]:
    """Number the parties of one side of an agreement; a party alone keeps the bare label."""
    alone = len(people) == 1
    for n, party in enumerate(people, start=1):
        party["side"] = side
        party["ordinal"] = "" if alone else _ordinal(n, locale)
        party["label"] = pattern.replace("{n}", party["ordinal"])
    return people


def _letters(debtors: list[Party], guarantors: list[Party], mode: str) -> list[dict[str, Any]]:
    """Return whom each letter of the file addresses."""
    if mode != "each":
        return [{"debtors": debtors, "guarantors": guarantors, "only": False}]
    return [{"debtors": [d], "guarantors": [], "only": True} for d in debtors] + [
        {"debtors": [], "guarantors": [g], "only": True} for g in guarantors
    ]


def _cell(keys: list[str], *, sealed: bool = False, party: Party | None = None) -> dict[str, Any]:
    """Return one signature block: a party's (lines from t.parties.signature[kind]) or the
    lines t.signatures[key] of the creditor, the agreement's guarantor, mediator or committee."""
    kind = None if party is None else ("company" if party["company"] else "person")
    return {"sealed": sealed, "party": party, "kind": kind, "keys": keys}


def _signature_rows(
    debtors: list[Party], guarantors: list[Party], agreement: dict[str, Any]
) -> list[list[dict[str, Any]]]:
    """Return an agreement's signature blocks two a row: 甲方 beside the first 乙方, then the
    other debtors, the guarantors, the agreement's own guarantor, the mediator, the committee."""
    first = [_cell(["party_a", "representative", "date"], sealed=True)]
    first.append(_cell([], sealed=debtors[0]["company"], party=debtors[0]))
    rest = [_cell([], sealed=p["company"], party=p) for p in (*debtors[1:], *guarantors)]
    if agreement.get("guarantor"):
        rest.append(_cell(["party_c", "date"]))
    if agreement.get("mediator"):
        rest += [_cell(["mediator", "date"]), _cell(["committee", "date"], sealed=True)]
    if len(rest) % 2:
        rest.append(_cell([]))
    return [first] + [rest[i : i + 2] for i in range(0, len(rest), 2)]


def build_parties(
    case: dict[str, Any],
    *,
    party: Callable[[dict[str, Any]], Party],
    labels: dict[str, Any],
    locale: str,
    agreement: bool,
) -> dict[str, Any]:
    """Return the `parties` and `letters` values of a case (party() formats one person)."""
    wording = labels.get("parties") or {}
    sides = wording.get("side_labels") or {"b": "{n}", "c": "{n}"}
    pronouns = wording.get("you") or {}
    debtors = [dict(party(case["debtor"]), role="debtor")]
    debtors += [dict(party(p), role="co_debtor") for p in case.get("co_debtors") or ()]
    guarantors = [
        dict(
            party(g),
            role="guarantor",
            guarantee_type=g["guarantee_type"],
            guarantee_contract_number=g["guarantee_contract_number"],
        )
        for g in case.get("guarantors") or ()
    ]
    for person in (*debtors, *guarantors):
        # how a letter speaks to it: 您 to a person, 贵司 to a company (Chinese editions)
        person["you"] = pronouns.get("company" if person["company"] else "person", "")
    _side(debtors, "b", sides["b"], locale)
    _side(guarantors, "c", sides["c"], locale)
    # the layout switches to these blocks only when the case names more than its debtor or the
    # debtor is a company, so a case with one natural person as debtor prints exactly as before
    listed = len(debtors) > 1 or bool(guarantors) or debtors[0]["company"]
    mode = (case.get("options") or {}).get("addressees", "all")
    return {
        "parties": {
            "listed": listed,
            "debtors": debtors,
            "co_debtors": debtors[1:],
            "guarantors": guarantors,
            "mode": "all" if agreement else mode,
            "signature_rows": _signature_rows(debtors, guarantors, case.get("agreement") or {}),
        },
        "letters": _letters(debtors, guarantors, "all" if agreement else mode),
    }
