"""Write a count of days or copies one way in every edition (七日, seven (7) days)."""

from num2words import num2words

from .chinese_numerals import lower_numerals
from .locales import is_chinese


def count_in_words(value: int, locale: str) -> str:
    """Write a small count: Chinese numerals (七, 十五), or English words with the figure."""
    if is_chinese(locale):
        return lower_numerals(value)
    return f"{num2words(value, lang='en')} ({value})"
