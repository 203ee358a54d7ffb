"""Format a validated case into the values templates and clauses place (dates, money, masking)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from doc_service.formatting import (
    amount_in_words,
    count_in_words,
    format_date,
    format_money,
    format_number,
    format_rate,
    mask_id_number,
    mask_phone,
    statute_article,
)
from doc_service.render.case_record import case_record_values
from doc_service.render.editions import localise
from doc_service.render.notices import notice_values
from doc_service.render.parties import build_parties
from schemas.catalogue import entry_of

ARREARS_ITEMS = ("principal", "interest", "penalty_interest", "fees")
WAIVED_ITEMS = ("penalty_interest", "fees")
# Days a debtor has to object in writing to the amount (every letter states the same period).
OBJECTION_DAYS = 7
# A lender licensed as a 小额贷款公司 sues on a 小额借款合同纠纷, not a 金融借款合同纠纷.
MICROLENDER_MARKS = ("小额贷款", "小額貸款")
# Numbered articles of an agreement ("第一条" … / "Article 1" …); layouts count the ones they place.
ARTICLE_LABELS = 30


class _Formatter:
    """Bind the formatting functions to one locale."""

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def date(self, value: date | None) -> str | None:
        return None if value is None else format_date(value, self.locale)

    def money(self, value: Decimal | None) -> str | None:
        return None if value is None else format_money(value, self.locale)

    def figure(self, value: Decimal) -> str:
        return format_number(value, self.locale)

    def words(self, value: Decimal) -> str:
        return amount_in_words(value, self.locale)

    def rate(self, value: Decimal | None) -> str | None:
        return None if value is None else format_rate(value, self.locale)

    def count(self, value: int | None) -> str | None:
        return None if value is None else count_in_words(value, self.locale)


def _party(person: dict[str, Any], id_labels: dict[str, str], mask: bool) -> dict[str, Any]:
    """Return a debtor or guarantor with the ID and phone masked when asked."""
    id_number = person["id_number"]
    phone = person.get("phone")
    return {
        "name": person["name"],
        "id_type": person["id_type"],
        "id_label": id_labels[person["id_type"]],
        "id_number": mask_id_number(id_number) if mask else id_number,
        "address": person["address"],
        "phone": (mask_phone(phone) if mask else phone) if phone else None,
        "email": person.get("email"),
        # a company (id_type uscc) is addressed, signs and seals as a company
        "company": person["id_type"] == "uscc",
        "legal_representative": person.get("legal_representative"),
    }


def _arrears(arrears: dict[str, Any], labels: dict[str, str], f: _Formatter) -> dict[str, Any]:
    """Return the arrears table rows and the total in figures, money form and capitals."""
    overdue_days = arrears.get("overdue_days")
    if overdue_days is None:
        overdue_days = (arrears["as_of"] - arrears["overdue_since"]).days
    return {
        "as_of": f.date(arrears["as_of"]),
        "overdue_since": f.date(arrears["overdue_since"]),
        "overdue_days": overdue_days,
        "rows": [
            {"key": key, "label": labels[key], "figure": f.figure(arrears[key])}
            for key in ARREARS_ITEMS
        ],
        "has_fees": arrears["fees"] > 0,
        # overdue interest claimed from the day after the statement date until payment
        "interest_from": f.date(arrears["as_of"] + timedelta(days=1)),
        "total_figure": f.figure(arrears["total"]),
        "total_money": f.money(arrears["total"]),
        "total_words": f.words(arrears["total"]),
        **{f"{key}_money": f.money(arrears[key]) for key in ARREARS_ITEMS},
    }


def _loan(loan: dict[str, Any], f: _Formatter) -> dict[str, Any]:
    """Return the contract terms as they are quoted in the documents."""
    return {
        "contract_number": loan["contract_number"],
        "contract_date": f.date(loan["contract_date"]),
        "principal_money": f.money(loan["principal"]),
        "principal_words": f.words(loan["principal"]),
        "currency": loan.get("currency", "CNY"),
        "annual_interest_rate": f.rate(loan["annual_interest_rate"]),
        "overdue_annual_rate": f.rate(loan.get("overdue_annual_rate")),
        "maturity_date": f.date(loan.get("maturity_date")),
        "term_months": loan.get("term_months"),
    }


def _repayment(repayment: dict[str, Any], f: _Formatter) -> dict[str, Any]:
    """Return the deadline, the creditor's account and the channels."""
    return {
        "deadline": f.date(repayment.get("deadline")),
        "account": dict(repayment["account"]),
        "channels": list(repayment.get("channels") or []),
    }


def _law_firm(firm: dict[str, Any] | None, f: _Formatter) -> dict[str, Any] | None:
    """Return the law firm block of a lawyer's letter, when there is one."""
    if not firm:
        return None
    return {
        "name": firm["name"],
        "address": firm["address"],
        "phone": firm["phone"],
        "lawyers": [dict(lawyer) for lawyer in firm["lawyers"]],
        "reply_days": firm["reply_days"],
        "reply_days_words": f.count(firm["reply_days"]),
    }


def _quantified(claims: list[str], arrears: dict[str, Any]) -> bool:
    """Tell whether the payload's claims state the principal sued for, as the default claims do."""
    principal = arrears["principal"]
    figures = {f"{principal:,}", f"{principal}"}
    text = re.sub(r"\s+", "", "".join(claims))
    return any(figure in text for figure in figures)


def _litigation(
    litigation: dict[str, Any] | None, arrears: dict[str, Any], f: _Formatter
) -> dict[str, Any] | None:
    """Return the intended court, jurisdiction basis and claims of a litigation notice."""
    if not litigation:
        return None
    claims = list(litigation.get("claims") or [])
    return {
        "court": litigation["court"],
        "jurisdiction_basis": litigation["jurisdiction_basis"],
        "claims": claims,
        # the template's own claims name every sum, its interest basis and end date; the payload's
        # replace them only when they are as precise (they state the principal sued for)
        "claims_quantified": bool(claims) and _quantified(claims, arrears),
        "intended_filing_date": f.date(litigation.get("intended_filing_date")),
    }


def _waiver(waived: dict[str, Any], labels: dict[str, str], f: _Formatter) -> dict[str, Any]:
    """Return the waived items worth more than zero and their sum, in money form and capitals."""
    items = [key for key in WAIVED_ITEMS if waived.get(key)]
    total = sum((waived[key] for key in items), start=Decimal("0.00"))
    return {
        "has_waiver": bool(items),
        "waived_items": [
            {
                "key": key,
                "label": labels[key],
                "money": f.money(waived[key]),
                "words": f.words(waived[key]),
            }
            for key in items
        ],
        "waived_total_money": f.money(total) if items else None,
        "waived_total_words": f.words(total) if items else None,
    }


def _remainder(remainder: dict[str, Any] | None, f: _Formatter) -> dict[str, Any] | None:
    """Return the arrears outside the plan and the waiver, and how the agreement treats them."""
    if not remainder:
        return None
    return {
        "treatment": remainder["treatment"],
        "money": f.money(remainder["amount"]),
        "words": f.words(remainder["amount"]),
        "due_date": f.date(remainder.get("due_date")),
    }


def _agreement(
    agreement: dict[str, Any] | None,
    f: _Formatter,
    id_labels: dict[str, str],
    item_labels: dict[str, str],
    mask: bool,
    creditor_address: str,
    others: int = 0,
) -> dict[str, Any] | None:
    """Return the instalment plan and the terms of a repayment agreement."""
    if not agreement:
        return None
    waived = agreement.get("waived") or {}
    guarantor = agreement.get("guarantor")
    mediator = agreement.get("mediator")
    # one copy for each party that signs, and one kept by the mediation committee
    # (`others`: the co-debtors and the case's guarantors, who sign too)
    copies = 2 + others + (1 if guarantor else 0) + (1 if mediator else 0)
    return {
        "copies": copies,
        "copies_words": f.count(copies),
        # where the parties sign: as given, else where the mediation took place, else the
        # creditor's address (where an unmediated agreement is signed)
        "signing_place": agreement.get("signing_place")
        or (mediator["organization"] if mediator else creditor_address),
        "last_due_date": f.date(agreement["installments"][-1]["due_date"]),
        "acceleration_days_words": f.count(agreement.get("acceleration_after_days")),
        "total_money": f.money(agreement["total"]),
        "total_figure": f.figure(agreement["total"]),
        "total_words": f.words(agreement["total"]),
        "installments": [
            {
                "number": index,
                "due_date": f.date(item["due_date"]),
                "figure": f.figure(item["amount"]),
                "money": f.money(item["amount"]),
            }
            for index, item in enumerate(agreement["installments"], start=1)
        ],
        "installment_count": len(agreement["installments"]),
        "waived_penalty_interest": f.money(waived.get("penalty_interest")),
        "waived_fees": f.money(waived.get("fees")),
        "acceleration_after_days": agreement.get("acceleration_after_days"),
        "dispute_resolution": agreement.get("dispute_resolution", "court"),
        "forum": agreement.get("forum"),
        "guarantor": _party(guarantor, id_labels, mask) if guarantor else None,
        "mediator": dict(agreement["mediator"]) if agreement.get("mediator") else None,
        "remainder": _remainder(agreement.get("remainder"), f),
        **_waiver(waived, item_labels, f),
    }


def build_values(
    *, case: dict[str, Any], document_type: str, locale: str, labels: dict[str, Any]
) -> dict[str, Any]:
    """Return the formatted case: what templates and clause texts may refer to."""
    f = _Formatter(locale)
    edition = localise(case, locale, list(labels.get("default_channels") or ()))
    case = edition.case
    kind = entry_of(document_type)
    mask = case.get("options", {}).get("mask_personal_data", kind.masked_by_default)
    creditor = case["creditor"]
    return {
        "lang": locale,
        "document_type": document_type,
        "case_id": case["case_id"],
        "letter_number": case.get("letter_number"),
        "issue_date": f.date(case["issue_date"]),
        "creditor": {
            "name": creditor["name"],
            "uscc": creditor["uscc"],
            "address": creditor["address"],
            "phone": creditor["phone"],
            "legal_representative": creditor.get("legal_representative"),
            "email": creditor.get("email"),
            "microlender": any(mark in creditor["name"] for mark in MICROLENDER_MARKS),
        },
        "objection_days": OBJECTION_DAYS,
        "objection_days_words": f.count(OBJECTION_DAYS),
        "debtor": _party(case["debtor"], labels["id_labels"], mask),
        "loan": _loan(case["loan"], f),
        "arrears": _arrears(case["arrears"], labels["arrears_items"], f),
        "repayment": _repayment(case["repayment"], f),
        "contact": dict(case["contact"]),
        "law_firm": _law_firm(case.get("law_firm"), f),
        "litigation": _litigation(case.get("litigation"), case["arrears"], f),
        "agreement": _agreement(
            case.get("agreement"),
            f,
            labels["id_labels"],
            labels["arrears_items"],
            mask,
            creditor["address"],
            len(case.get("co_debtors") or ()) + len(case.get("guarantors") or ()),
        ),
        "masked": mask,
        "registered_names_note": edition.registered_names_note,
        "article_labels": [statute_article(n, locale) for n in range(1, ARTICLE_LABELS + 1)],
        **case_record_values(case, locale),
        **build_parties(
            case,
            party=lambda person: _party(person, labels["id_labels"], mask),
            labels=labels,
            locale=locale,
            agreement=document_type == "repayment_agreement",
        ),
        **notice_values(case, f, labels["arrears_items"], mask),
    }
