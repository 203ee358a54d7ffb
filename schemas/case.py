"""The case payload: every section, and the rules that tie sections together."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from marshmallow import fields, validates_schema

from schemas import clock
from schemas import messages as msg
from schemas.agreement import AgreementSchema
from schemas.base import StrictSchema, dig
from schemas.enums import ADDRESSEE_MODES
from schemas.errors import ErrorTree
from schemas.fields import LETTER_NUMBER_MAX, Boolean, Choice, Date, Items, Text
from schemas.i18n import I18n
from schemas.litigation import LitigationSchema
from schemas.money import ArrearsSchema, LoanSchema, RepaymentSchema
from schemas.notices import MAX_ENCLOSURES, DeliverySchema, EnclosureSchema, NoticeRules
from schemas.obligors import check_one_guarantor_list, co_debtors_field, guarantors_field
from schemas.parties import ContactSchema, CreditorSchema, LawFirmSchema, PartySchema


def _today() -> dt.date:
    """Return today in Asia/Shanghai, looked up at load time (so tests can move the clock)."""
    return clock.today()


# "." and ".." would name a directory wherever a case id becomes part of a path
CASE_ID_PATTERN = r"(?!\.\.?$)[A-Za-z0-9._-]{1,64}"


class OptionsSchema(StrictSchema):
    """Rendering options; defaults depend on the document type (see DocumentRequestSchema)."""

    mask_personal_data = Boolean()
    # "all": one document naming every addressee; "each": one letter per addressee in the file
    addressees = Choice(
        ADDRESSEE_MODES,
        metadata={
            "description": (
                "Whom the issued file addresses (default all). all: one document naming the "
                "debtor, every co-debtor and every guarantor. each: one letter per addressee in "
                "the same file and record, debtor, co-debtors, then guarantors, each starting on "
                "a new page and addressed to that party only; a guarantor's letter tells the loan "
                "in the third person and states that guarantor's own liability. Letters only: "
                "an agreement is always one document signed by every party."
            )
        },
    )
    # letters only (an agreement drops them): a detachable reply slip; the 征信 prior notice
    reply_slip = Boolean()
    credit_report_notice = Boolean()


class CaseSchema(NoticeRules, StrictSchema):
    """Validate a case for any document type.

    `law_firm`, `litigation`, `agreement` and `repayment.deadline` are optional here: which of
    them a document needs is DocumentRequestSchema's business (schemas.requirements). A section
    meant for another document type is validated like any other and then dropped by
    DocumentRequestSchema, so it can never make a request fail silently or reach a template.

    Cross-field errors sit on the field each rule constrains (e.g. `loan.contract_date must not be
    after issue_date` is reported at `case.loan.contract_date`), never on `issue_date`, which is
    usually defaulted.
    """

    case_id = Text(required=True, max_length=64, pattern=CASE_ID_PATTERN, description=msg.CASE_ID)
    issue_date = Date(load_default=_today)
    letter_number = Text(max_length=LETTER_NUMBER_MAX)
    creditor = fields.Nested(CreditorSchema, required=True)
    debtor = fields.Nested(PartySchema, required=True)
    co_debtors = co_debtors_field()
    guarantors = guarantors_field()
    loan = fields.Nested(LoanSchema, required=True)
    arrears = fields.Nested(ArrearsSchema, required=True)
    repayment = fields.Nested(RepaymentSchema, required=True)
    contact = fields.Nested(ContactSchema, required=True)
    law_firm = fields.Nested(LawFirmSchema)
    litigation = fields.Nested(LitigationSchema)
    agreement = fields.Nested(AgreementSchema)
    options = fields.Nested(OptionsSchema)
    delivery = fields.Nested(DeliverySchema)
    enclosures = Items(fields.Nested(EnclosureSchema), minimum=1, maximum=MAX_ENCLOSURES)
    i18n = I18n(letter_number=lambda: Text(max_length=LETTER_NUMBER_MAX))

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_dates(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Require the dates of the case to follow one another."""
        errors = ErrorTree()
        issue = data.get("issue_date")
        deadline = dig(data, "repayment", "deadline")
        _after(errors, deadline, issue, ("repayment", "deadline"), "issue_date")
        _not_after(errors, dig(data, "loan", "contract_date"), issue, ("loan", "contract_date"))
        _not_after(errors, dig(data, "arrears", "as_of"), issue, ("arrears", "as_of"))
        filing = dig(data, "litigation", "intended_filing_date")
        path = ("litigation", "intended_filing_date")
        if deadline is not None:
            _after(errors, filing, deadline, path, "repayment.deadline")
        else:
            _after(errors, filing, issue, path, "issue_date")
        first = _first_due_date(data, original)
        if first is not None and issue is not None and first < issue:
            first_path = ("agreement", "installments", 0, "due_date")
            errors.add(first_path, msg.NOT_BEFORE.format(other="issue_date"))
        errors.raise_if_any()

    @validates_schema(skip_on_field_errors=False)
    def _check_guarantors(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Name the agreement's guarantor or the case's guarantors, not both."""
        check_one_guarantor_list(data)

    @validates_schema(skip_on_field_errors=False)
    def _check_creditor_account(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require repayments to go to an account in the creditor's own name."""
        holder, creditor = dig(data, "repayment", "account", "name"), dig(data, "creditor", "name")
        if holder is not None and creditor is not None and holder != creditor:
            errors = ErrorTree()
            errors.add(("repayment", "account", "name"), msg.CREDITOR_ACCOUNT)
            errors.raise_if_any()

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_agreement_amounts(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Keep the agreed total and the waivers within the arrears they settle."""
        errors = ErrorTree()
        limits = (
            (("total",), "arrears.total", ("total",)),
            (("waived", "penalty_interest"), "arrears.penalty_interest", ("penalty_interest",)),
            (("waived", "fees"), "arrears.fees", ("fees",)),
        )
        for path, other, arrears_path in limits:
            value = dig(data, "agreement", *path)
            limit = dig(data, "arrears", *arrears_path)
            if value is not None and limit is not None and value > limit:
                message = msg.NOT_MORE_THAN.format(other=other, limit=limit)
                errors.add(("agreement", *path), message)
        if not errors.tree and _loaded_whole(data, original, "agreement"):
            _check_agreement_closes(errors, data)
        errors.raise_if_any()


def _loaded_whole(data: dict[str, Any], original: Any, section: str) -> bool:
    """Tell whether every key the body gave in a section loaded (a failed field is absent)."""
    given, loaded = dig(original, section), dig(data, section)
    return isinstance(given, dict) and isinstance(loaded, dict) and set(given) == set(loaded)


def _check_agreement_closes(errors: ErrorTree, data: dict[str, Any]) -> None:
    """Require the plan, the waivers and the stated remainder to add up to the arrears exactly."""
    total, arrears = dig(data, "agreement", "total"), dig(data, "arrears", "total")
    if total is None or arrears is None:
        return
    waived_items = dig(data, "agreement", "waived") or {}
    waived = sum(waived_items.values(), start=Decimal("0.00"))
    covered = total + waived
    numbers = {"total": total, "waived": waived, "covered": covered, "arrears": arrears}
    remainder = dig(data, "agreement", "remainder")
    if covered > arrears:
        message = msg.AGREEMENT_EXCESS.format(excess=covered - arrears, **numbers)
        errors.add(("agreement", "total"), message)
    elif remainder is not None:
        amount = remainder.get("amount")
        if amount is not None and amount != arrears - covered:
            message = msg.REMAINDER_AMOUNT.format(expected=arrears - covered, amount=amount)
            errors.add(("agreement", "remainder", "amount"), message)
    elif covered < arrears:
        errors.add(
            ("agreement", "total"), msg.AGREEMENT_GAP.format(gap=arrears - covered, **numbers)
        )


def _after(errors: ErrorTree, later: Any, earlier: Any, path: tuple[str, ...], other: str) -> None:
    """Record an error at `path` unless `later` is strictly after `earlier` (or one is unknown)."""
    if later is not None and earlier is not None and later <= earlier:
        errors.add(path, msg.MUST_BE_AFTER.format(other=other))


def _not_after(errors: ErrorTree, value: Any, issue: Any, path: tuple[str, ...]) -> None:
    """Record an error at `path` when `value` is after the issue date."""
    if value is not None and issue is not None and value > issue:
        errors.add(path, msg.NOT_AFTER.format(other="issue_date"))


def _first_due_date(data: dict[str, Any], original: Any) -> dt.date | None:
    """Return the first instalment's due date, if every instalment loaded."""
    items = dig(data, "agreement", "installments")
    # A failed instalment shifts the loaded list against the body's: then say nothing.
    if not items or len(items) != len(dig(original, "agreement", "installments") or ()):
        return None
    return items[0].get("due_date")
