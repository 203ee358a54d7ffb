"""The other obligors of a case: joint borrowers (共同借款人) and guarantors (保证人)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields

from schemas import messages as msg
from schemas.base import dig
from schemas.enums import GUARANTEE_TYPES
from schemas.errors import ErrorTree
from schemas.fields import IDENTIFIER, Choice, Items, Text
from schemas.parties import PartySchema

# Obligors of one kind a case may name; each is printed (and, with addressees "each", addressed).
MAX_CO_DEBTORS = 10
MAX_GUARANTORS = 10
GUARANTEE_CONTRACT_NUMBER_MAX = 64


class GuarantorSchema(PartySchema):
    """A guarantor: a party, how it guarantees (一般保证 / 连带责任保证), under which contract."""

    guarantee_type = Choice(GUARANTEE_TYPES, required=True)
    guarantee_contract_number = Text(
        required=True, max_length=GUARANTEE_CONTRACT_NUMBER_MAX, metadata={IDENTIFIER: True}
    )


def co_debtors_field() -> fields.Field:
    """Return the `co_debtors` list: each shaped as `debtor`, jointly and severally liable."""
    return Items(
        fields.Nested(PartySchema),
        minimum=0,
        maximum=MAX_CO_DEBTORS,
        metadata={
            "description": (
                "Joint borrowers (共同借款人), shaped as debtor: each jointly and severally liable "
                "with the debtor; named, addressed and masked like the debtor, 乙方二… in an "
                "agreement. A company has id_type uscc and a legal_representative."
            )
        },
    )


def guarantors_field() -> fields.Field:
    """Return the `guarantors` list."""
    return Items(
        fields.Nested(GuarantorSchema),
        minimum=0,
        maximum=MAX_GUARANTORS,
        metadata={
            "description": (
                "Guarantors (保证人) under their guarantee contracts: a joint and several "
                "guarantor is asked to perform within the guarantee (民法典第六百八十八条); a "
                "general guarantor is told of the default and of its right to refuse until the "
                "debtor's property has been enforced against (第六百八十七条), never asked to pay "
                "now. 丙方一… in an agreement; not together with agreement.guarantor."
            )
        },
    )


def check_one_guarantor_list(case: dict[str, Any]) -> None:
    """Refuse `agreement.guarantor` beside `guarantors`: each would print as 丙方."""
    if case.get("guarantors") and dig(case, "agreement", "guarantor") is not None:
        errors = ErrorTree()
        errors.add(("agreement", "guarantor"), msg.GUARANTOR_TWICE)
        errors.raise_if_any()
