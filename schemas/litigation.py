"""The litigation section of a notice of intended suit."""

from __future__ import annotations

from typing import Any

from marshmallow import validates_schema

from schemas.base import StrictSchema
from schemas.enums import JURISDICTION_BASES
from schemas.evidence import Evidence
from schemas.fields import Choice, Date, FreeText, Items, Name
from schemas.i18n import I18n, check_list_lengths

MAX_CLAIMS = 20


class LitigationSchema(StrictSchema):
    """Where the creditor intends to sue, on what basis, for what, and when."""

    court = Name(required=True)
    jurisdiction_basis = Choice(JURISDICTION_BASES, required=True)
    claims = Items(FreeText(), minimum=1, maximum=MAX_CLAIMS)
    intended_filing_date = Date()
    evidence = Evidence()
    i18n = I18n(court=Name, claims=lambda: Items(FreeText(), minimum=1, maximum=MAX_CLAIMS))

    @validates_schema(skip_on_field_errors=False)
    def _check_translated_claims(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Require one translated claim per claim."""
        check_list_lengths(data, "claims")
