"""The closed vocabularies of the request contract."""

from __future__ import annotations

FORMATS = ("pdf", "docx", "html")  # html only for previews; the documents endpoint narrows it
ID_TYPES = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other")
JURISDICTION_BASES = (
    "contract_agreement",
    "defendant_domicile",
    "place_of_performance",
    "internet_court",
)
DISPUTE_RESOLUTIONS = ("court", "arbitration")
CURRENCIES = ("CNY",)

# What a repayment agreement does with arrears neither in its plan nor in its waiver.
REMAINDER_TREATMENTS = ("waived", "payable_after_plan")
