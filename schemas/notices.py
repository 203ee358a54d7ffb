"""How a letter is delivered, what it encloses, and how its interest and fees were calculated."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import Schema, ValidationError, fields, validates_schema

from schemas import messages as msg
from schemas.base import StrictSchema, dig
from schemas.errors import ErrorTree
from schemas.fields import (
    IDENTIFIER,
    Address,
    Amount,
    Choice,
    Date,
    Email,
    Integer,
    Items,
    Name,
    Rate,
    Text,
)
from schemas.i18n import I18n

DELIVERY_METHODS = ("ems", "registered_mail", "courier", "email", "sms_link", "in_person")
# sent by post or courier: a tracking number is what proves the letter's arrival
POSTAL_METHODS = ("ems", "registered_mail", "courier")
# where each optional key of `delivery` means something; given with another method it is refused,
# never silently left out of the statement
DELIVERY_KEYS = {
    "tracking_number": POSTAL_METHODS,
    "carrier": ("courier",),
    "address": (*POSTAL_METHODS, "in_person"),
    "email": ("email",),
}
DELIVERY_REQUIRED = {
    "tracking_number": POSTAL_METHODS,
    "carrier": ("courier",),
    "email": ("email",),
}
# the arrears parts a calculation explains: the principal is owed, not calculated
CALCULATED_ITEMS = ("interest", "penalty_interest", "fees")
MAX_ENCLOSURES = 20
MAX_CALCULATION_ROWS = 50
TITLE_MAX = 200


class DeliverySchema(StrictSchema):
    """How the letter is (or was) sent to the addressee: printed as the 送达 statement."""

    method = Choice(DELIVERY_METHODS, required=True)
    tracking_number = Text(
        max_length=40,
        pattern=r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*",
        description=msg.TRACKING_NUMBER,
        metadata={IDENTIFIER: True},
    )
    carrier = Name()
    address = Address()
    email = Email()
    sent_on = Date()
    i18n = I18n(carrier=Name, address=Address)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_method(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Require what the method needs and refuse what it cannot print."""
        method = data.get("method")
        if method is None or not isinstance(original, dict):
            return
        errors: dict[str, list[str]] = {}
        for key, methods in DELIVERY_REQUIRED.items():
            if method in methods and key not in original:
                errors[key] = [msg.REQUIRED_FOR_METHOD.format(method=method)]
        for key, methods in DELIVERY_KEYS.items():
            if method not in methods and key in original:
                errors[key] = [msg.NOT_FOR_METHOD.format(method=method)]
        if errors:
            raise ValidationError(errors)


class EnclosureSchema(StrictSchema):
    """One document enclosed with the letter: a line of the 附件清单."""

    title = Text(required=True, max_length=TITLE_MAX)
    pages = Integer(minimum=1, maximum=9999)
    i18n = I18n(title=lambda: Text(max_length=TITLE_MAX))


class CalculationSchema(StrictSchema):
    """One line of how an arrears part was calculated: base × annual rate over a period."""

    item = Choice(CALCULATED_ITEMS, required=True)
    base = Amount(required=True, positive=True)
    rate = Rate(required=True)
    # "from" is a Python keyword: declared as from_, read and loaded under the key "from"
    from_ = Date(required=True, data_key="from", attribute="from")
    to = Date(required=True)
    amount = Amount(required=True)

    @validates_schema(skip_on_field_errors=False)
    def _check_period(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require the period to run forwards."""
        start, end = data.get("from"), data.get("to")
        if start is not None and end is not None and end < start:
            raise ValidationError(msg.NOT_BEFORE.format(other="from"), "to")


def calculation_field() -> fields.Field:
    """Build `arrears.calculation`: the rows of the calculation-basis table."""
    return Items(fields.Nested(CalculationSchema), minimum=1, maximum=MAX_CALCULATION_ROWS)


class NoticeRules(Schema):
    """The case-level rules of delivery and calculation (mixed into CaseSchema)."""

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_notices(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Tie delivery to the letter's dates and the calculation to the arrears it explains."""
        errors = ErrorTree()
        _check_delivery(errors, data)
        _check_calculation(errors, data, original)
        errors.raise_if_any()


def _check_delivery(errors: ErrorTree, data: dict[str, Any]) -> None:
    """A letter is sent on or after the day it is dated, and before the deadline it sets."""
    sent_on, issue = dig(data, "delivery", "sent_on"), data.get("issue_date")
    deadline = dig(data, "repayment", "deadline")
    if sent_on is not None and issue is not None and sent_on < issue:
        errors.add(("delivery", "sent_on"), msg.NOT_BEFORE.format(other="issue_date"))
    elif sent_on is not None and deadline is not None and sent_on >= deadline:
        errors.add(("delivery", "sent_on"), msg.MUST_BE_BEFORE.format(other="repayment.deadline"))
    debtor = data.get("debtor")
    by_sms = dig(data, "delivery", "method") == "sms_link"
    if by_sms and isinstance(debtor, dict) and not debtor.get("phone"):
        errors.add(("debtor", "phone"), msg.REQUIRED_FOR_METHOD.format(method="sms_link"))


def _check_calculation(errors: ErrorTree, data: dict[str, Any], original: Any) -> None:
    """Each calculated part sums exactly to its arrears figure; periods lie within the loan."""
    rows = dig(data, "arrears", "calculation")
    given = dig(original, "arrears", "calculation")
    if not rows or not isinstance(given, list) or len(rows) != len(given):
        return
    start, as_of = dig(data, "loan", "contract_date"), dig(data, "arrears", "as_of")
    for index, row in enumerate(rows):
        path = ("arrears", "calculation", index)
        first, last = row.get("from"), row.get("to")
        if start is not None and first is not None and first < start:
            errors.add((*path, "from"), msg.NOT_BEFORE.format(other="loan.contract_date"))
        if as_of is not None and last is not None and last > as_of:
            errors.add((*path, "to"), msg.NOT_AFTER.format(other="arrears.as_of"))
    # a row whose item or amount failed would make the sums mislead: then say nothing of them
    if any(row.get("item") is None or row.get("amount") is None for row in rows):
        return
    for item in CALCULATED_ITEMS:
        amounts = [row["amount"] for row in rows if row["item"] == item]
        expected = dig(data, "arrears", item)
        if not amounts or expected is None:
            continue
        total = sum(amounts, start=Decimal("0.00"))
        if total != expected:
            message = msg.CALCULATION_SUM.format(
                item=item, total=total, part=item, expected=expected
            )
            errors.add(("arrears", "calculation"), message)


def drop_letter_parts(case: dict[str, Any], document_type: str) -> None:
    """Leave out of an agreement what only a letter prints: it is signed, not delivered."""
    if document_type != "repayment_agreement":
        return
    case.pop("delivery", None)
    options = case.get("options") or {}
    for option in ("reply_slip", "credit_report_notice"):
        options.pop(option, None)
