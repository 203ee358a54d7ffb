"""Render settings are part of a template version: absent, a version renders as before them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from doc_service.audit import canonical_payload
from doc_service.render import RenderJob, render_document
from doc_service.render.compiled import CompiledTemplate
from doc_service.render.settings import SETTINGS_FILE, RenderSettings, read_settings
from doc_service.render.snapshot import TemplateSnapshot, read_snapshot
from schemas import DocumentRequestSchema
from tests.support import compact, pdf_pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "legal"


def test_settings_are_read_from_the_snapshot_with_old_defaults() -> None:
    files = read_snapshot(TEMPLATES, "lawyer_letter", "zh-CN").files
    assert read_settings(files).zlib_level == 3
    without = {path: data for path, data in files.items() if path != SETTINGS_FILE}
    assert read_settings(without) == RenderSettings(zlib_level=9)


def test_the_qr_mask_is_pinned_and_only_one_of_the_eight_patterns() -> None:
    files = read_snapshot(TEMPLATES, "lawyer_letter", "zh-CN").files
    assert read_settings(files).qr_mask == 2
    pinned = json.loads(files[SETTINGS_FILE])
    del pinned["verification"]["qr_mask"]
    assert read_settings({SETTINGS_FILE: json.dumps(pinned).encode()}).qr_mask is None
    pinned["verification"]["qr_mask"] = 8
    with pytest.raises(ValueError, match="qr_mask must be 0-7"):
        read_settings({SETTINGS_FILE: json.dumps(pinned).encode()})


def test_a_version_without_settings_renders_its_own_bytes_reproducibly(
    examples: dict[str, Any],
) -> None:
    snapshot = read_snapshot(TEMPLATES, "lawyer_letter", "zh-CN")
    without = TemplateSnapshot(
        "lawyer_letter",
        "zh-CN",
        {path: data for path, data in snapshot.files.items() if path != SETTINGS_FILE},
    )
    case = DocumentRequestSchema().load(examples["lawyer_letter"])["case"]
    job = RenderJob("lawyer_letter", "pdf", "zh-CN", case, canonical_payload(case)[1])
    today = render_document(job=job, template=CompiledTemplate(snapshot)).content
    before = [render_document(job=job, template=CompiledTemplate(without)).content for _ in "ab"]
    assert before[0] == before[1]  # each version rebuilds byte for byte
    assert today != before[0]  # ... with the zlib level it pins
    assert compact("".join(pdf_pages(today))) == compact("".join(pdf_pages(before[0])))
