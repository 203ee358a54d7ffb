"""Every validation message, in one place so a later change can wrap them in gettext."""

from __future__ import annotations

# Generic field shapes.
MISSING = "Missing data for required field."
NOT_A_STRING = "Not a valid string."
NOT_AN_INTEGER = "Not a valid integer."
NOT_A_BOOLEAN = "Not a valid boolean."
ONE_OF = "must be one of: {choices}"
LIST_LENGTH = "must have {min} to {max} items"

# Text.
BLANK = "must not be blank"
TOO_LONG = "must be at most {max} characters"
EDGE_WHITESPACE = "must not start or end with whitespace"
CONTROL_CHARACTERS = "contains control characters"
LONE_SURROGATE = "contains invalid characters (unpaired surrogates)"
PATTERN = "must be {description}"
INVALID_EMAIL = "Not a valid email address."

# Numbers.
AMOUNT_INVALID = 'must be a decimal amount such as "12345.67" or a JSON number'
AMOUNT_FLOAT = "must be a decimal string or an exact JSON number, not a binary float"
AMOUNT_EXPONENT = "must be written without an exponent"
AMOUNT_PLACES = "must have at most 2 decimal places"
AMOUNT_NEGATIVE = "must not be negative"
AMOUNT_NOT_POSITIVE = "must be greater than 0"
AMOUNT_TOO_LARGE = "must be at most {max}"
RATE_INVALID = 'must be an annual rate as a fraction such as "0.1440"'
RATE_PLACES = "must have at most 6 decimal places"
RATE_RANGE = "must be between 0 and 1 (a fraction, not a percentage)"
INTEGER_RANGE = "must be between {min} and {max}"

# Dates.
DATE_FORMAT = "must be a date as YYYY-MM-DD"
DATE_INVALID = "Not a valid date."

# Identifiers.
CASE_ID = "1 to 64 characters of A-Z a-z 0-9 . _ -"
PHONE = "a phone number of digits, spaces and + - ( )"
ACCOUNT_NUMBER = "an account number of digits, spaces and hyphens"
OTHER_ID_NUMBER = "1 to 32 letters, digits or hyphens"
LICENSE_NUMBER = "exactly 17 digits"
USCC_CHECK = "check character does not match"
USCC_INVALID = "not a valid unified social credit code"
RIC_CHECK = "check digit does not match"
RIC_BIRTH_DATE = "birth date in the resident ID number is not a valid date"
RIC_REGION = "region code in the resident ID number is not known"
RIC_INVALID = "not a valid resident ID number (18 characters: 17 digits, then a digit or X)"
CURRENCY = "only CNY is supported for now"

# Cross-field rules.
ARREARS_TOTAL = "expected {expected} = principal + interest + penalty_interest + fees"
OVERDUE_DAYS = "expected {expected} = arrears.as_of - arrears.overdue_since"
NOT_AFTER = "must not be after {other}"
NOT_BEFORE = "must not be before {other}"
MUST_BE_AFTER = "must be after {other}"
CREDITOR_ACCOUNT = "must be the creditor's own account (creditor.name)"
INSTALLMENTS_SUM = "expected {expected} = sum of installments[].amount"
NOT_MORE_THAN = "must not exceed {other} ({limit})"
