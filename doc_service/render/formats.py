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
