"""One contract, run over every renderer the registry holds: PDF, DOCX and HTML alike."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest

from doc_service.config import DEFAULTS
from doc_service.documents import load_request
from doc_service.render import render_document
from doc_service.render.registry import TemplateRegistry
from doc_service.render.renderers import RENDERERS, Renderer
from tests.support import Canary, document_text, load_example

REGISTRY = TemplateRegistry(Path(DEFAULTS["TEMPLATE_ROOT"]))
FORMATS = sorted(RENDERERS)
TITLES = {"zh-CN": "律师函", "en-GB": "Lawyer’s Letter of Demand"}


def render(fmt: str, locale: str = "zh-CN", *, specimen: bool = False, **case: Any) -> bytes:
    """Render the lawyer's letter sample in one format, with case fields replaced."""
    body = load_example("lawyer_letter")
    body["case"].update(case)
    request = load_request({**body, "format": fmt, "locale": locale})
    template = REGISTRY.current("lawyer_letter", locale)
    return render_document(job=request.render_job(specimen=specimen), template=template).content


def metadata(fmt: str, content: bytes) -> dict[str, str]:
    """Return the title, language and author a document declares about itself."""
    if fmt == "pdf":
        reader = pypdf.PdfReader(io.BytesIO(content))
        info = reader.metadata or {}
        return {
            "title": str(info.get("/Title")),
            "author": str(info.get("/Author")),
            "lang": str(reader.trailer["/Root"].get("/Lang")),
        }
    if fmt == "docx":
        core = zipfile.ZipFile(io.BytesIO(content)).read("docProps/core.xml").decode("utf-8")

        def tag(name: str) -> str:
            found = re.search(rf"<{name}>(.*?)</{name}>", core)
            return found.group(1) if found else ""

        return {"title": tag("dc:title"), "author": tag("dc:creator"), "lang": tag("dc:language")}
    html = content.decode("utf-8")
    return {
        "title": re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip(),  # type: ignore[union-attr]
        "author": re.search(r'<meta name="author" content="([^"]*)"', html).group(1),  # type: ignore[union-attr]
        "lang": re.search(r'<html lang="([^"]*)"', html).group(1),  # type: ignore[union-attr]
    }


def test_every_format_has_a_renderer_behind_the_protocol() -> None:
    assert FORMATS == ["docx", "html", "pdf"]
    for fmt, renderer in RENDERERS.items():
        assert isinstance(renderer.format, str) and renderer.format == fmt
        assert callable(getattr(renderer, "render", None))
        _typed: Renderer = renderer  # the registry holds the protocol, not an if/elif


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_same_job_twice_gives_the_same_bytes(fmt: str) -> None:
    assert render(fmt) == render(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", sorted(TITLES))
def test_title_language_and_author_are_set(fmt: str, locale: str) -> None:
    firm = load_example("lawyer_letter")["case"]["law_firm"]["name"]
    declared = metadata(fmt, render(fmt, locale))
    assert declared["title"] == TITLES[locale]
    assert TITLES[locale].replace(" ", "") in document_text(render(fmt, locale), fmt)
    assert declared["lang"] == locale
    assert declared["author"] == firm  # the law firm signs a lawyer's letter


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_specimen_is_marked_and_an_issued_document_is_not(fmt: str) -> None:
    assert "样稿" in specimen_mark(fmt, render(fmt, specimen=True))
    assert "样稿" not in specimen_mark(fmt, render(fmt, specimen=False))


def specimen_mark(fmt: str, content: bytes) -> str:
    """Return where a reader sees the mark: the text, or a DOCX's header watermark shapes."""
    if fmt != "docx":
        return document_text(content, fmt)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        headers = [name for name in archive.namelist() if name.startswith("word/header")]
        xml = "".join(archive.read(name).decode("utf-8") for name in headers)
    return " ".join(re.findall(r'<v:textpath[^>]*string="([^"]*)"', xml))


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_is_fetched_from_outside_the_template_snapshot(fmt: str) -> None:
    canary = Canary()
    try:
        case = load_example("lawyer_letter")["case"]
        address = f'<img src="{canary.url}/i.png"><link rel=stylesheet href="{canary.url}/s.css">'
        contact = {**case["contact"], "name": f"@import url({canary.url}/x.css);"}
        content = render(fmt, debtor={**case["debtor"], "address": address}, contact=contact)
        assert canary.requests == []
        assert canary.url in document_text(content, fmt).replace(" ", "")
    finally:
        canary.close()
