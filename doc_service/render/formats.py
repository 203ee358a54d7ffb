"""Output formats: media types and file extensions."""

from __future__ import annotations

PDF = "pdf"
DOCX = "docx"
HTML = "html"

MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    HTML: "text/html; charset=utf-8",
}
ISSUABLE_FORMATS = (PDF, DOCX)
PREVIEW_FORMATS = (PDF, DOCX, HTML)


def format_for_media_type(media_type: str) -> str | None:
    """Return the format whose media type this is, if any."""
    for name, known in MEDIA_TYPES.items():
        if known.split(";")[0] == media_type:
            return name
    return None
