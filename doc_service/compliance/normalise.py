"""Fold text so that spacing, width, case, script and punctuation tricks cannot hide a word."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

_converter_lock = threading.Lock()


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    # The binding gives no thread-safety promise; a converter is cheap to share under a lock.
    with _converter_lock:
        return str(_t2s().convert(text))


def fold(text: str) -> str:
    """Return `text` half-width, Simplified, case-folded and decomposed (accents separate)."""
    folded = _to_simplified(unicodedata.normalize("NFKC", text)).casefold()
    # NFKD after folding splits é into e + combining accent, which `analyse` then drops.
    return unicodedata.normalize("NFKD", folded)


@dataclass(frozen=True)
class Analysed:
    """The letters and digits of a text, run together, with where its words begin and end."""

    collapsed: str
    starts: frozenset[int]
    ends: frozenset[int]


def analyse(text: str) -> Analysed:
    """Return the collapsed form of `text` and the offsets of its word boundaries."""
    chars: list[str] = []
    starts: set[int] = set()
    ends: set[int] = set()
    previous_class = ""
    broken = True
    for char in fold(text):
        category = unicodedata.category(char)
        if category[0] in "LN":
            # A word also ends where Latin meets CJK, so "警方police" still yields "police".
            char_class = "latin" if char.isascii() else "other"
            if broken or char_class != previous_class:
                if chars:
                    ends.add(len(chars))
                starts.add(len(chars))
            chars.append(char)
            previous_class, broken = char_class, False
        elif category[0] == "M" or category == "Cf":
            # Accents and invisible format characters (zero-width space, joiners) never end a
            # word: "arr\u200best" must still read as one word.
            continue
        else:
            broken = True
    if chars:
        ends.add(len(chars))
    return Analysed("".join(chars), frozenset(starts), frozenset(ends))


def normalise(text: str) -> str:
    """Return only the folded letters and digits: "逮 捕" → "逮捕", "A-R-R-E-S-T" → "arrest"."""
    return analyse(text).collapsed


def is_latin(normalised: str) -> bool:
    """Tell whether a normalised pattern is made of ASCII letters and digits only."""
    return normalised.isascii()
