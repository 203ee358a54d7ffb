"""Locale-aware formatting of amounts, dates, rates, identifiers and statute citations."""

from .dates import format_date
from .figures import format_money, format_number
from .locales import SUPPORTED_LOCALES
from .masking import mask_id_number, mask_phone
from .periods import count_in_words
from .rates import format_rate
from .statutes import statute_article
from .words import amount_in_words

__all__ = [
    "SUPPORTED_LOCALES",
    "amount_in_words",
    "count_in_words",
    "format_date",
    "format_money",
    "format_number",
    "format_rate",
    "mask_id_number",
    "mask_phone",
    "statute_article",
]
