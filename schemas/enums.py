"""The closed vocabularies of the request contract."""

from __future__ import annotations

FORMATS = ("pdf", "docx", "html")  # html only for previews; the documents endpoint narrows it
# "uscc": the party is a company (or other organisation) and id_number its unified social
# credit code; it then names its legal representative.
ID_TYPES = ("resident_id", "passport", "hk_macau_permit", "taiwan_permit", "other", "uscc")
# How a guarantor answers for the debt (民法典第六百八十六条).
GUARANTEE_TYPES = ("joint_and_several", "general")
# Whom one issued document addresses: every addressee in one letter, or one letter each.
ADDRESSEE_MODES = ("all", "each")
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
