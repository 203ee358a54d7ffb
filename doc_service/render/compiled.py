"""A template version compiled once: Jinja templates, clause texts, stylesheet and DOCX bytes."""

from __future__ import annotations

import io
from functools import cached_property
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template

from doc_service.render.clauses import ClauseSet, page_number_parts
from doc_service.render.docx_package import DocxPackage, load_package
from doc_service.render.fetcher import SnapshotFetcher
from doc_service.render.pdfstyle import STYLESHEET, PdfStyle, pdf_style
from doc_service.render.sandbox import CachingSandbox, markup_environment
from doc_service.render.settings import RenderSettings, read_settings
from doc_service.render.snapshot import (
    CLAUSES_NAME,
    DOCX_NAME,
    HTML_NAME,
    LOCALE_DIR,
    TemplateSnapshot,
)
from doc_service.render.values import build_values
from schemas.catalogue import entry_of

# docxtpl's patch_xml reads nothing of its template: one instance serves every version
_DOCXTPL = DocxTemplate(io.BytesIO())


class CompiledTemplate:
    """Everything needed to render one template version, built once and shared by requests."""

    def __init__(self, snapshot: TemplateSnapshot) -> None:
        self.snapshot = snapshot
        self.id = snapshot.id
        self.version = snapshot.version
        self.document_type = snapshot.document_type
        self.locale = snapshot.locale
        text_files = {
            path: snapshot.text(path)
            for path in snapshot.files
            if path.endswith((".html", ".css", ".yaml"))
        }
        self.markup_env: CachingSandbox = markup_environment(text_files)
        self.html: Template = self.markup_env.get_template(f"{snapshot.folder}/{HTML_NAME}")
        self.clauses = ClauseSet(
            [
                text_files[f"{LOCALE_DIR}/{snapshot.locale}.yaml"],
                text_files[f"{snapshot.folder}/{CLAUSES_NAME}"],
            ],
            snapshot.locale,
        )
        self.stylesheet_text = text_files[STYLESHEET]
        self.fetcher = SnapshotFetcher(snapshot.files)
        self.settings: RenderSettings = read_settings(snapshot.files)
        self.docx_bytes: bytes = snapshot.files[f"{snapshot.folder}/{DOCX_NAME}"]
        # docxtpl's tag clean-up of each XML part, filled on first render (render/docx.py)
        self.docx_patched_parts: dict[str, str] = {}

    def docx_patch(self, xml: str) -> str:
        """Return docxtpl's clean-up of a part's XML; a part always cleans up the same."""
        patched = self.docx_patched_parts.get(xml)
        if patched is None:
            patched = self.docx_patched_parts.setdefault(xml, _DOCXTPL.patch_xml(xml))
        return patched

    @cached_property
    def docx_package(self) -> DocxPackage | None:
        """Return the DOCX package frame, built on first render; None: render through docxtpl."""
        return load_package(self.docx_bytes, self.docx_patch)

    @property
    def pdf_style(self) -> PdfStyle:
        """Return the parsed PDF stylesheets and fonts, shared by versions with the same styles."""
        return pdf_style(self.snapshot.files)

    def context(self, case: dict[str, Any], *, specimen: bool) -> dict[str, Any]:
        """Return the full template context: formatted values plus the rendered clause texts."""
        values = build_values(
            case=case,
            document_type=self.document_type,
            locale=self.locale,
            labels=self.clauses.raw,
        )
        # clauses render lazily with these values, "t" included: a clause may place another
        values["t"] = self.clauses.render(values)
        values["page_parts"] = page_number_parts(values["t"]["page_number"])
        values["specimen"] = specimen
        # the PDF's and DOCX's author: whoever signs the document
        signer = values.get(entry_of(self.document_type).issuer) or values["creditor"]
        values["issuer_name"] = signer["name"]
        values["metadata_date"] = case["issue_date"].isoformat()
        return values
