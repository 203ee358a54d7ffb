"""The repayment agreement: instalments, waivers, guarantor and mediation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from schemas import messages as msg
from schemas.base import StrictSchema, dig
from schemas.enums import DISPUTE_RESOLUTIONS, REMAINDER_TREATMENTS
from schemas.errors import ErrorTree
from schemas.fields import Address, Amount, Choice, Date, Integer, Items, Name
from schemas.i18n import I18n
from schemas.parties import MediatorSchema, PartySchema

MAX_INSTALLMENTS = 360


class InstallmentSchema(StrictSchema):
    """One instalment: how much, by when."""

    due_date = Date(required=True)
    amount = Amount(required=True, positive=True)


class WaivedSchema(StrictSchema):
    """What the creditor waives once every instalment is paid; both items stated explicitly."""

    penalty_interest = Amount(required=True)
    fees = Amount(required=True)


class RemainderSchema(StrictSchema):
    """The part of the arrears neither in the plan nor waived, and how the agreement treats it."""

    amount = Amount(required=True, positive=True)
    treatment = Choice(REMAINDER_TREATMENTS, required=True)
    due_date = Date()

    @validates_schema(skip_on_field_errors=False)
    def _check_due_date(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require a due date exactly when the remainder stays payable."""
        treatment, due = data.get("treatment"), data.get("due_date")
        if treatment == "payable_after_plan" and due is None:
            raise ValidationError(msg.REMAINDER_DUE_DATE, "due_date")
        if treatment == "waived" and due is not None:
            raise ValidationError(msg.REMAINDER_NO_DUE_DATE, "due_date")


class AgreementSchema(StrictSchema):
    """The instalment plan agreed in pre-suit mediation."""

    total = Amount(required=True, positive=True)
    installments = Items(
        fields.Nested(InstallmentSchema), minimum=1, maximum=MAX_INSTALLMENTS, required=True
    )
    waived = fields.Nested(WaivedSchema)
    acceleration_after_days = Integer(minimum=1, maximum=365)
    dispute_resolution = Choice(DISPUTE_RESOLUTIONS)
    forum = Name()
    guarantor = fields.Nested(PartySchema)
    mediator = fields.Nested(MediatorSchema)
    remainder = fields.Nested(RemainderSchema)
    i18n = I18n(forum=Name)
    # where the parties sign (printed at the head); defaults to the mediation committee, when
    # mediated, else the creditor's address
    signing_place = Address()

    @validates_schema
    def _check_forum(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require the arbitration commission by name: a city may have several."""
        if data.get("dispute_resolution") == "arbitration" and not data.get("forum"):
            raise ValidationError(msg.ARBITRATION_FORUM, "forum")

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_installments(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Require instalments that sum to the total, on strictly increasing dates."""
        items = data.get("installments")
        # Skip when any instalment failed: positions in the loaded list may not match the body's.
        if not items or len(items) != len(dig(original, "installments") or ()):
            return
        if any("due_date" not in item or "amount" not in item for item in items):
            return
        errors = ErrorTree()
        for index in range(1, len(items)):
            if items[index]["due_date"] <= items[index - 1]["due_date"]:
                other = f"installments.{index - 1}.due_date"
                errors.add(
                    ("installments", index, "due_date"), msg.MUST_BE_AFTER.format(other=other)
                )
        expected = sum((i["amount"] for i in items), start=Decimal("0.00"))
        total = data.get("total")
        if total is not None and total != expected:
            errors.add(("total",), msg.INSTALLMENTS_SUM.format(expected=expected))
        due = dig(data, "remainder", "due_date")
        if due is not None and due <= items[-1]["due_date"]:
            other = f"installments.{len(items) - 1}.due_date"
            errors.add(("remainder", "due_date"), msg.MUST_BE_AFTER.format(other=other))
        errors.raise_if_any()
