"""A DOCX rendered from the package frame is byte for byte the one docxtpl writes."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from doc_service.config import DEFAULTS
from doc_service.documents import load_request
from doc_service.render import RenderJob, document_context
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.docx import render_docx_from_package, render_docx_with_docxtpl
from doc_service.render.registry import TemplateRegistry
from doc_service.render.verification import verification_code
from schemas.catalogue import DOCUMENT_TYPES, LOCALES, example_requests
from tests.support import docx_text, load_example

EXAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "examples"
DOCUMENT_ID = "0123456789abcdeffedcba9876543210"
PUBLIC_URL = "https://docs.example.com/"
HOSTILE_NAME = "A<b>&amp; {{ t.title }} {% if x %}\t甲\n乙\a丙\f丁 ]]> 'q' \"q\""
LONG_TEXT = "北京市海淀区<中关村>&大街" * 400


@pytest.fixture(scope="module")
def registry() -> TemplateRegistry:
    return TemplateRegistry(Path(DEFAULTS["TEMPLATE_ROOT"]))


def cases(document_type: str) -> dict[str, dict[str, Any]]:
    """Return the requests a type is shown with: the published example, the sample case and
    the joint example, the last also with one letter for each addressee."""
    joint = example_requests(document_type)["joint"]
    each = copy.deepcopy(joint)
    each["case"].setdefault("options", {})["addressees"] = "each"
    return {
        "published": json.loads((EXAMPLES / f"{document_type}.json").read_text("utf-8")),
        "sample": load_example(document_type),
        "joint": joint,
        "joint_each": each,
    }


def renders(job: RenderJob) -> dict[str, RenderJob]:
    """Return the job as rendered for nobody, issued (with and without the QR) and as a specimen."""
    return {
        "unissued": job,
        "issued_with_qr": replace(job, document_id=DOCUMENT_ID, public_url=PUBLIC_URL),
        "issued_without_qr": replace(job, document_id=DOCUMENT_ID),
        "specimen": replace(job, specimen=True, notes=("<b>check & {{ this }}</b>",)),
    }


def both_paths(job: RenderJob, template: CompiledTemplate) -> tuple[bytes, bytes]:
    """Render the job's DOCX from the package frame and through docxtpl, from one context."""
    context = document_context(job=job, template=template)
    issued = job.case["issue_date"]
    created = datetime(issued.year, issued.month, issued.day)
    framed = render_docx_from_package(template, context, created=created)
    return framed, render_docx_with_docxtpl(template, context, created=created)


def docx_job(body: dict[str, Any], locale: str) -> RenderJob:
    return load_request({**body, "format": "docx", "locale": locale}).render_job()


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_type_and_locale_renders_the_same_bytes_as_docxtpl(
    registry: TemplateRegistry, document_type: str, locale: str
) -> None:
    template = registry.current(document_type, locale)
    for case_name, body in cases(document_type).items():
        for render_name, job in renders(docx_job(body, locale)).items():
            framed, reference = both_paths(job, template)
            assert framed == reference, (case_name, render_name)


@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_hostile_names_render_the_same_bytes_and_read_back_as_typed(
    registry: TemplateRegistry, document_type: str, locale: str
) -> None:
    template = registry.current(document_type, locale)
    body = copy.deepcopy(example_requests(document_type)["joint"])
    job = docx_job(body, locale)
    case = copy.deepcopy(job.case)
    case["debtor"]["name"] = HOSTILE_NAME
    case["debtor"]["address"] = LONG_TEXT
    case["guarantors"][0]["name"] = "{{ 7 * 7 }}{%- raw %}<w:t>"
    for render_name, hostile in renders(replace(job, case=case)).items():
        framed, reference = both_paths(hostile, template)
        assert framed == reference, render_name
    text = docx_text(framed)
    assert "A<b>&amp; {{ t.title }} {% if x %}" in text  # escaped, never run as a tag
    assert "{{ 7 * 7 }}{%- raw %}<w:t>" in text
    assert LONG_TEXT in text.replace("\n", "")


def test_an_issued_letter_carries_its_words_code_and_qr_image(
    registry: TemplateRegistry,
) -> None:
    template = registry.current("lawyer_letter", "zh-CN")
    job = docx_job(load_example("lawyer_letter"), "zh-CN")
    issued = replace(job, document_id=DOCUMENT_ID, public_url=PUBLIC_URL)
    framed, reference = both_paths(issued, template)
    assert framed == reference
    text = docx_text(framed)
    assert job.case["debtor"]["name"] in text
    assert "壹万叁仟伍佰捌拾元贰角叁分" in text
    assert verification_code(DOCUMENT_ID) in text
    with zipfile.ZipFile(io.BytesIO(framed)) as archive:
        (image,) = [name for name in archive.namelist() if name.startswith("word/media/")]
        assert archive.read(image).startswith(b"\x89PNG")


def test_every_current_template_version_has_a_package_frame(registry: TemplateRegistry) -> None:
    # a version without one renders through docxtpl: correct, but the slow path
    assert all(template.docx_package is not None for template in registry.all())
