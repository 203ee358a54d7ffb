"""Convert Simplified text to the Traditional script of zh-HK or zh-TW."""

import threading

from opencc import OpenCC

_CONFIGS = {"zh-HK": "s2hk", "zh-TW": "s2tw"}

# OpenCC's binding documents no thread-safety guarantee, and building a converter takes
# ~70 ms, so converters are built lazily once and every use is serialised by one lock.
_lock = threading.Lock()
_converters: dict[str, OpenCC] = {}


def to_traditional(text: str, tag: str) -> str:
    """Convert Simplified text to the Traditional variant of zh-HK or zh-TW."""
    try:
        config = _CONFIGS[tag]
    except KeyError:
        raise ValueError(f"{tag!r} has no Traditional conversion") from None
    with _lock:
        converter = _converters.get(tag)
        if converter is None:
            converter = _converters[tag] = OpenCC(config)
        return str(converter.convert(text))
