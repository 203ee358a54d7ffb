"""The locale tags the service supports and their Babel locales."""

from babel import Locale

from schemas.catalogue import LOCALES

SUPPORTED_LOCALES = LOCALES

# Explicit scripts: CLDR's "zh_HK" alone would resolve through likely-subtags anyway, but
# naming Hant/Hans here keeps the choice visible and independent of CLDR's defaults.
_BABEL_IDENTIFIERS = {
    "zh-CN": "zh_Hans_CN",
    "zh-HK": "zh_Hant_HK",
    "zh-TW": "zh_Hant_TW",
    "en-US": "en_US",
    "en-GB": "en_GB",
}

# Parsed once at import; Locale objects are immutable apart from their lazily loaded data.
_BABEL_LOCALES = {tag: Locale.parse(ident) for tag, ident in _BABEL_IDENTIFIERS.items()}


def require_supported(tag: str) -> str:
    """Return the tag unchanged, or raise ValueError when it is not supported."""
    if tag not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {tag!r}; expected one of {SUPPORTED_LOCALES}")
    return tag


def babel_locale(tag: str) -> Locale:
    """Return the cached Babel locale for a supported BCP-47 tag."""
    return _BABEL_LOCALES[require_supported(tag)]


def is_chinese(tag: str) -> bool:
    """Tell whether a supported tag is a Chinese edition."""
    return require_supported(tag).startswith("zh-")


def is_traditional(tag: str) -> bool:
    """Tell whether a supported tag is written in Traditional characters."""
    return require_supported(tag) in ("zh-HK", "zh-TW")
