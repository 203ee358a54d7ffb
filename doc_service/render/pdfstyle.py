"""The PDF stylesheets and font configuration, built once per distinct set of style files."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from doc_service.render.faces import FACES_CSS, FACES_FILE, FaceMissing, missing_faces
from doc_service.render.fetcher import TEMPLATE_BASE_URL, SnapshotFetcher

STYLESHEET = "_shared/document.css"
_STYLE_FILES = (STYLESHEET, FACES_CSS, FACES_FILE)


@dataclass(frozen=True)
class PdfStyle:
    """Parsed stylesheets and the font configuration their @font-face rules filled."""

    font_config: FontConfiguration
    stylesheets: tuple[CSS, ...]


_styles: dict[str, PdfStyle] = {}
_lock = threading.Lock()


def style_key(files: Mapping[str, bytes]) -> str:
    """Return a digest of the files that decide the PDF styles (absent ones count as absent)."""
    digest = hashlib.sha256()
    for path in _STYLE_FILES:
        data = files.get(path)
        digest.update(b"-" if data is None else hashlib.sha256(data).digest())
    return digest.hexdigest()


def pdf_style(files: Mapping[str, bytes]) -> PdfStyle:
    """Return the shared PDF style of a snapshot: every template version with the same style
    files shares one font configuration, so the faces are loaded once per process."""
    key = style_key(files)
    with _lock:
        if key not in _styles:
            _styles[key] = _build(files)
        return _styles[key]


def _build(files: Mapping[str, bytes]) -> PdfStyle:
    """Parse the stylesheets; refuse to fall back silently when a pinned face is not built."""
    missing = missing_faces(files)
    if missing:
        raise FaceMissing(f"pre-subset faces not built as pinned: {', '.join(missing)}")
    fetcher = SnapshotFetcher(files)
    font_config = FontConfiguration()
    sheets = []
    if FACES_CSS in files:
        # @font-face URLs are relative to the faces' own folder
        sheets.append(
            CSS(
                string=files[FACES_CSS].decode("utf-8"),
                base_url=TEMPLATE_BASE_URL + "_shared/",
                url_fetcher=fetcher,
                font_config=font_config,
            )
        )
    sheets.append(
        CSS(
            string=files[STYLESHEET].decode("utf-8"),
            base_url=TEMPLATE_BASE_URL,
            url_fetcher=fetcher,
            font_config=font_config,
        )
    )
    return PdfStyle(font_config, tuple(sheets))
