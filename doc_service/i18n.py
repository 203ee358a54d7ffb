"""Localised error messages: the Babel catalogue translates titles, details and field messages.

Messages are composed in English (with str.format placeholders) where they arise; the response
layer translates them. A catalogue msgid with placeholders becomes a pattern, so
"must be at most 100 characters" finds "must be at most {max} characters" and its translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from babel.support import Translations

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("zh", "en")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def N_(message: str) -> str:
    """Mark a message for extraction (`make messages`); translation happens where it is shown."""
    return message


def message_language(locale: str) -> str:
    """Return the catalogue language of a BCP 47 locale: zh-* → zh, anything else → en."""
    return "zh" if locale.lower().startswith("zh") else "en"


class Translator:
    """Translate English messages of the catalogue, exact or by placeholder pattern."""

    def __init__(self, catalogue: dict[str, str]) -> None:
        self._exact = {key: value for key, value in catalogue.items() if key and value}
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        for msgid, msgstr in self._exact.items():
            if _PLACEHOLDER.search(msgid):
                self._patterns.append((_pattern(msgid), msgstr))

    def __call__(self, message: str) -> str:
        """Return the translation, or the message itself when the catalogue lacks it."""
        if message in self._exact:
            return self._exact[message]
        for pattern, translation in self._patterns:
            match = pattern.fullmatch(message)
            if match:
                # placeholders may hold catalogue phrases themselves ("must be {description}")
                values = {name: self(value) for name, value in match.groupdict().items()}
                return translation.format(**values)
        return message


def _pattern(msgid: str) -> re.Pattern[str]:
    """Turn "must be at most {max} characters" into a regex with a group per placeholder."""
    parts = _PLACEHOLDER.split(msgid)
    regex = "".join(
        re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
        for index, part in enumerate(parts)
    )
    return re.compile(regex, re.S)


@lru_cache(maxsize=len(LANGUAGES))
def translator(language: str) -> Callable[[str], str]:
    """Return the translator of a language (English passes messages through)."""
    if language == "en":
        return lambda message: message
    translations = Translations.load(str(TRANSLATIONS_DIR), [language], domain="messages")
    catalogue = getattr(translations, "_catalog", {})
    return Translator({str(k): str(v) for k, v in catalogue.items() if isinstance(k, str)})
