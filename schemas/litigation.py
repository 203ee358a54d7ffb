"""The litigation section of a notice of intended suit."""

from __future__ import annotations

from schemas.base import StrictSchema
from schemas.enums import JURISDICTION_BASES
from schemas.fields import Choice, Date, FreeText, Items, Name


class LitigationSchema(StrictSchema):
    """Where the creditor intends to sue, on what basis, for what, and when."""

    court = Name(required=True)
    jurisdiction_basis = Choice(JURISDICTION_BASES, required=True)
    claims = Items(FreeText(), minimum=1, maximum=20)
    intended_filing_date = Date()
