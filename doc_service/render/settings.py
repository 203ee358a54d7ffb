"""Render settings a template version pins (_shared/render.json); absent, the old defaults."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import pydyf

SETTINGS_FILE = "_shared/render.json"
# pydyf compresses every PDF stream at level 9; versions without render.json keep that
DEFAULT_ZLIB_LEVEL = 9


@dataclass(frozen=True)
class RenderSettings:
    """Parameters that change a rendition's bytes, so each template version pins them."""

    zlib_level: int = DEFAULT_ZLIB_LEVEL
    # a structure tree for screen readers; versions before it render untagged, as they were
    pdf_tags: bool = False
    # the recipient's verification code and QR code on the last page; versions before print none
    verification_code: bool = False
    # the QR code's mask pattern (0-7); None: the encoder scores all eight for each code, which
    # is 5.8 of the 7 ms a QR code takes, and versions before qr_mask print it that way
    qr_mask: int | None = None


def read_settings(files: Mapping[str, bytes]) -> RenderSettings:
    """Return the settings a snapshot pins, or the defaults versions before render.json used."""
    if SETTINGS_FILE not in files:
        return RenderSettings()
    settings = json.loads(files[SETTINGS_FILE].decode("utf-8"))
    pdf = settings.get("pdf", {})
    verification = settings.get("verification", {})
    qr_mask = verification.get("qr_mask")
    if qr_mask is not None and qr_mask not in range(8):
        raise ValueError(f"{SETTINGS_FILE}: verification.qr_mask must be 0-7, not {qr_mask!r}")
    return RenderSettings(
        zlib_level=int(pdf.get("zlib_level", DEFAULT_ZLIB_LEVEL)),
        pdf_tags=bool(pdf.get("tags", False)),
        verification_code=bool(verification.get("code", False)),
        qr_mask=qr_mask,
    )


_level: ContextVar[int] = ContextVar("zlib_level", default=DEFAULT_ZLIB_LEVEL)


class _Deflate:
    """pydyf's zlib: compressobj at the level of the render in progress, the rest unchanged."""

    def compressobj(self, level: int = DEFAULT_ZLIB_LEVEL, *args: Any, **kwargs: Any) -> Any:
        """Return a compressor at the current render's level (pydyf always asks for 9)."""
        return zlib.compressobj(_level.get(), *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


# pydyf has no level option; it reads zlib from its module namespace at each stream
pydyf.zlib = _Deflate()


@contextmanager
def zlib_level(level: int) -> Iterator[None]:
    """Compress the PDF streams written inside the block at ``level``."""
    token = _level.set(level)
    try:
        yield
    finally:
        _level.reset(token)
