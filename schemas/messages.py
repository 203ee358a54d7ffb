"""Every validation message, in one place so a later change can wrap them in gettext."""

from __future__ import annotations

from doc_service.i18n import N_

__all__ = ["N_"]


# Generic field shapes.
MISSING = N_("Missing data for required field.")
NOT_A_STRING = N_("Not a valid string.")
NOT_AN_INTEGER = N_("Not a valid integer.")
NOT_A_BOOLEAN = N_("Not a valid boolean.")
ONE_OF = N_("must be one of: {choices}")
LIST_LENGTH = N_("must have {min} to {max} items")

# Text.
BLANK = N_("must not be blank")
TOO_LONG = N_("must be at most {max} characters")
EDGE_WHITESPACE = N_("must not start or end with whitespace")
CONTROL_CHARACTERS = N_("contains control characters")
INVISIBLE_CHARACTER = N_("contains the invisible or undrawable character {code_point}")
LONE_SURROGATE = N_("contains invalid characters (unpaired surrogates)")
PATTERN = N_("must be {description}")
INVALID_EMAIL = N_("Not a valid email address.")

# Numbers.
AMOUNT_INVALID = N_('must be a decimal amount such as "12345.67" or a JSON number')
AMOUNT_FLOAT = N_("must be a decimal string or an exact JSON number, not a binary float")
AMOUNT_EXPONENT = N_("must be written without an exponent")
AMOUNT_PLACES = N_("must have at most 2 decimal places")
AMOUNT_NEGATIVE = N_("must not be negative")
AMOUNT_NOT_POSITIVE = N_("must be greater than 0")
AMOUNT_TOO_LARGE = N_("must be at most {max}")
RATE_INVALID = N_('must be an annual rate as a fraction such as "0.1440"')
RATE_PLACES = N_("must have at most 6 decimal places")
RATE_RANGE = N_("must be between 0 and 1 (a fraction, not a percentage)")
INTEGER_RANGE = N_("must be between {min} and {max}")

# Dates.
DATE_FORMAT = N_("must be a date as YYYY-MM-DD")
DATE_INVALID = N_("Not a valid date.")

# Identifiers.
CASE_ID = N_("1 to 64 characters of A-Z a-z 0-9 . _ -, other than . and ..")
PHONE = N_("a phone number of digits, spaces and + - ( )")
ACCOUNT_NUMBER = N_("an account number of digits, spaces and hyphens")
OTHER_ID_NUMBER = N_("1 to 32 letters, digits or hyphens")
TRACKING_NUMBER = N_("a tracking number of letters and digits, hyphens between them")
LICENSE_NUMBER = N_("exactly 17 digits")
USCC_CHECK = N_("check character does not match")
USCC_INVALID = N_("not a valid unified social credit code")
RIC_CHECK = N_("check digit does not match")
RIC_BIRTH_DATE = N_("birth date in the resident ID number is not a valid date")
RIC_REGION = N_("region code in the resident ID number is not known")
RIC_INVALID = N_("not a valid resident ID number (18 characters: 17 digits, then a digit or X)")
LEGAL_REPRESENTATIVE_REQUIRED = N_("a company (id_type uscc) names its legal representative")
LEGAL_REPRESENTATIVE_PERSON = N_("only a company (id_type uscc) has a legal representative")
GUARANTOR_TWICE = N_(
    "give every guarantor in case.guarantors (with its guarantee_type and contract), not also here"
)
CURRENCY = N_("only CNY is supported for now")
NO_LOCALE = N_("give a locale, or an Accept-Language among: {choices}")

# Cross-field rules.
ARREARS_TOTAL = N_("expected {expected} = principal + interest + penalty_interest + fees")
OVERDUE_DAYS = N_("expected {expected} = arrears.as_of - arrears.overdue_since")
NOT_AFTER = N_("must not be after {other}")
NOT_BEFORE = N_("must not be before {other}")
MUST_BE_AFTER = N_("must be after {other}")
CREDITOR_ACCOUNT = N_("must be the creditor's own account (creditor.name)")
INSTALLMENTS_SUM = N_("expected {expected} = sum of installments[].amount")
ARBITRATION_FORUM = N_("name the arbitration commission when dispute_resolution is arbitration")
NOT_MORE_THAN = N_("must not exceed {other} ({limit})")
AGREEMENT_GAP = N_(
    "agreement.total {total} + agreement.waived {waived} = {covered} leaves {gap} of "
    "arrears.total {arrears} neither payable nor waived: state it in agreement.remainder "
    "(amount, treatment)"
)
AGREEMENT_EXCESS = N_(
    "agreement.total {total} + agreement.waived {waived} = {covered} exceeds "
    "arrears.total {arrears} by {excess}"
)
REMAINDER_AMOUNT = N_(
    "expected {expected} = arrears.total - agreement.total - agreement.waived, not {amount}"
)
MUST_BE_BEFORE = N_("must be before {other}")
REQUIRED_FOR_METHOD = N_("required when delivery.method is {method}")
NOT_FOR_METHOD = N_("not used when delivery.method is {method}: leave it out")
# {part} is {item} again: a message names each placeholder once (doc_service.i18n matches them)
CALCULATION_SUM = N_(
    "the {item} rows of arrears.calculation sum to {total}, but arrears.{part} is {expected}"
)
REMAINDER_DUE_DATE = N_("give the date the remainder is due when treatment is payable_after_plan")
REMAINDER_NO_DUE_DATE = N_("a waived remainder has no due date")

# Translations (i18n) and editions.
I18N_LANGUAGE = N_("not a supported language: use en or zh-Hant")
I18N_LIST_LENGTH = N_("must have {n} items, one for each item it translates")
NO_ENGLISH = N_("the {locale} edition cannot print this Chinese text: give its English in {path}")

# Marshmallow's own messages, listed so the catalogue translates them too.
UNKNOWN_FIELD = N_("Unknown field.")
INVALID_INPUT = N_("Invalid input type.")
# a batch's print options (print_pdf.address_sheet) need the print file among its outputs
NEEDS_PRINT_PDF = N_('needs "print_pdf" in outputs')
