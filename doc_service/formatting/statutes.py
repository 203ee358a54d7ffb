"""Cite statute articles by number."""

from .chinese_numerals import lower_numerals
from .locales import is_chinese, is_traditional, require_supported
from .traditional import to_traditional


def statute_article(number: int, locale: str) -> str:
    """Cite an article: 第六百六十七条 (zh-CN), 第六百六十七條 (zh-HK/TW), Article 667 (en)."""
    require_supported(locale)
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError(f"article number must be a positive int, got {number!r}")
    if not is_chinese(locale):
        return f"Article {number}"
    citation = f"第{lower_numerals(number)}条"
    return to_traditional(citation, locale) if is_traditional(locale) else citation
