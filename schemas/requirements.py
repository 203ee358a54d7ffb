"""Which parts of the case each document type needs, and which it uses."""

from __future__ import annotations

from schemas.enums import DOCUMENT_TYPES

# Paths inside `case` that CaseSchema leaves optional because only some types need them.
REQUIRED_BY_TYPE: dict[str, tuple[tuple[str, ...], ...]] = {
    "dunning_letter": (("repayment", "deadline"),),
    "lawyer_letter": (("repayment", "deadline"), ("law_firm",)),
    "litigation_notice": (("repayment", "deadline"), ("litigation",)),
    "repayment_agreement": (("agreement",),),
}

# Sections that belong to one document type; other types drop them after validating them.
SECTION_OWNERS = {
    "law_firm": "lawyer_letter",
    "litigation": "litigation_notice",
    "agreement": "repayment_agreement",
}

assert set(REQUIRED_BY_TYPE) == set(DOCUMENT_TYPES)
