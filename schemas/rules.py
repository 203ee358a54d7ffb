"""The rules of a document request that JSON Schema cannot state, as the 422 problems word them.

/openapi.json describes every field's shape exactly (schemas.openapi); what is left ties fields
together (sums, date order, the creditor's own account), checks a check character, or depends on
the document type or edition. The DocumentRequest description lists these, and a request that
follows the description is refused only with one of these messages.
"""

from __future__ import annotations

import re

from schemas import messages as msg

RULES = (
    msg.MISSING,  # the sections the document type needs (e.g. law_firm for a lawyer's letter)
    msg.ARREARS_TOTAL,
    msg.OVERDUE_DAYS,
    msg.NOT_AFTER,
    msg.NOT_BEFORE,
    msg.MUST_BE_AFTER,
    msg.CREDITOR_ACCOUNT,
    msg.INSTALLMENTS_SUM,
    msg.ARBITRATION_FORUM,
    msg.NOT_MORE_THAN,
    msg.AGREEMENT_GAP,
    msg.AGREEMENT_EXCESS,
    msg.REMAINDER_AMOUNT,
    msg.REMAINDER_DUE_DATE,
    msg.REMAINDER_NO_DUE_DATE,
    msg.I18N_LIST_LENGTH,
    msg.NO_ENGLISH,
    msg.USCC_CHECK,
    msg.USCC_INVALID,
    msg.RIC_CHECK,
    msg.RIC_BIRTH_DATE,
    msg.RIC_REGION,
    msg.RIC_INVALID,
    msg.NO_LOCALE,
    msg.LEGAL_REPRESENTATIVE_REQUIRED,  # a company party (id_type uscc)
    msg.LEGAL_REPRESENTATIVE_PERSON,
    msg.GUARANTOR_TWICE,
    msg.MUST_BE_BEFORE,
    msg.REQUIRED_FOR_METHOD,  # what each delivery.method needs, and only that
    msg.NOT_FOR_METHOD,
    msg.CALCULATION_SUM,
    msg.NEEDS_PRINT_PDF,  # a batch's print_pdf options
)


# Fields checked beyond their shape, as their own description says (a callback URL must be https
# to a public host and needs a callback secret for the key).
CHECKED_FIELDS = ("callback_url",)


def rules_description() -> str:
    """Return the DocumentRequest description: the rules as one Markdown list."""
    return (
        "A document request. Every field's shape is stated below; these rules tie fields "
        "together or check a check character, and a 422 names the field that breaks one:\n"
        + "\n".join(f"- {rule}" for rule in RULES)
    )


def _template(rule: str) -> re.Pattern[str]:
    """Return a pattern matching a rule's message with any values in its placeholders."""
    parts = re.split(r"\{[a-z_]+\}", rule)
    return re.compile(".+".join(re.escape(part) for part in parts), re.S)


_TEMPLATES = tuple(_template(rule) for rule in RULES)


def is_rule(message: str) -> bool:
    """Tell whether a 422 message is one of the rules beyond the schema."""
    return any(template.fullmatch(message) for template in _TEMPLATES)
