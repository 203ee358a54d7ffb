"""The money sections: the loan contract, the arrears, and where to repay."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from schemas import messages as msg
from schemas.base import StrictSchema
from schemas.enums import CURRENCIES
from schemas.fields import (
    ACCOUNT_NUMBER_MAX,
    IDENTIFIER,
    Amount,
    Choice,
    Date,
    FreeText,
    Integer,
    Items,
    Name,
    Rate,
    Text,
)
from schemas.i18n import I18n, check_list_lengths
from schemas.notices import calculation_field

MAX_CHANNELS = 10
ARREARS_PARTS = ("principal", "interest", "penalty_interest", "fees")


class FeeSchema(StrictSchema):
    """A fee the lender charged on the loan: part of its all-in annual cost."""

    name = Name(required=True)
    amount = Amount(required=True, positive=True)
    charged_on = Date(required=True)


class LoanSchema(StrictSchema):
    """The loan contract the debt arises from."""

    contract_number = Text(required=True, max_length=64, metadata={IDENTIFIER: True})
    contract_date = Date(required=True)
    principal = Amount(required=True, positive=True)
    currency = Choice(CURRENCIES, error=msg.CURRENCY, load_default="CNY")
    annual_interest_rate = Rate(required=True)
    overdue_annual_rate = Rate()
    maturity_date = Date()
    term_months = Integer(minimum=1, maximum=600)
    fees = Items(fields.Nested(FeeSchema), minimum=0, maximum=50)

    @validates_schema(skip_on_field_errors=False)
    def _check_maturity(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require the maturity date to follow the contract date."""
        start, end = data.get("contract_date"), data.get("maturity_date")
        if start and end and end <= start:
            raise ValidationError(
                msg.MUST_BE_AFTER.format(other="loan.contract_date"), "maturity_date"
            )
        early = {
            f"fees.{index}.charged_on": [msg.NOT_BEFORE.format(other="loan.contract_date")]
            for index, fee in enumerate(data.get("fees") or [])
            if start and fee.get("charged_on") and fee["charged_on"] < start
        }
        if early:
            raise ValidationError(early)


class ArrearsSchema(StrictSchema):
    """What is owed as of a cut-off date, itemised."""

    as_of = Date(required=True)
    principal = Amount(required=True)
    interest = Amount(required=True)
    penalty_interest = Amount(required=True)
    fees = Amount(required=True)
    total = Amount(required=True)
    overdue_since = Date(required=True)
    overdue_days = Integer(minimum=0, maximum=100 * 366)
    calculation = calculation_field()

    @validates_schema(skip_on_field_errors=False)
    def _check_total(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require the total to be the exact sum of its four parts."""
        parts = [data[name] for name in ARREARS_PARTS if name in data]
        total = data.get("total")
        if total is None or len(parts) != len(ARREARS_PARTS):
            return
        expected = sum(parts, start=Decimal("0.00"))
        if total != expected:
            raise ValidationError(msg.ARREARS_TOTAL.format(expected=expected), "total")

    @validates_schema(skip_on_field_errors=False)
    def _check_overdue(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require overdue_since <= as_of and overdue_days to match them."""
        since, as_of = data.get("overdue_since"), data.get("as_of")
        if since is None or as_of is None:
            return
        if since > as_of:
            raise ValidationError(msg.NOT_AFTER.format(other="arrears.as_of"), "overdue_since")
        days = data.get("overdue_days")
        if days is not None and days != (as_of - since).days:
            expected = (as_of - since).days
            raise ValidationError(msg.OVERDUE_DAYS.format(expected=expected), "overdue_days")


class AccountSchema(StrictSchema):
    """The creditor's own bank account that repayments go to."""

    name = Name(required=True)
    number = Text(
        required=True,
        max_length=ACCOUNT_NUMBER_MAX,
        pattern=r"[0-9]+(?:[ -][0-9]+)*",
        description=msg.ACCOUNT_NUMBER,
    )
    bank = Name(required=True)
    i18n = I18n(name=Name, bank=Name)


class RepaymentSchema(StrictSchema):
    """The demand: pay by the deadline into the account through these channels."""

    deadline = Date()  # required for every type but the agreement; see schemas.requirements
    account = fields.Nested(AccountSchema, required=True)
    channels = Items(FreeText(), minimum=1, maximum=MAX_CHANNELS)
    i18n = I18n(channels=lambda: Items(FreeText(), minimum=1, maximum=MAX_CHANNELS))

    @validates_schema(skip_on_field_errors=False)
    def _check_translated_channels(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require one translated channel per channel."""
        check_list_lengths(data, "channels")
