"""The closed vocabularies of the request contract."""

from __future__ import annotations

DOCUMENT_TYPES = ("dunning_letter", "lawyer_letter", "litigation_notice", "repayment_agreement")
FORMATS = ("pdf", "docx", "html")  # html only for previews; the documents endpoint narrows it
LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
ID_TYPES = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other")
JURISDICTION_BASES = (
    "contract_agreement",
    "defendant_domicile",
    "place_of_performance",
    "internet_court",
)
DISPUTE_RESOLUTIONS = ("court", "arbitration")
CURRENCIES = ("CNY",)

# The instalment agreement shows full IDs; every other document masks them by default.
UNMASKED_BY_DEFAULT = frozenset({"repayment_agreement"})
# What a repayment agreement does with arrears neither in its plan nor in its waiver.
REMAINDER_TREATMENTS = ("waived", "payable_after_plan")
