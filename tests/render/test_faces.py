"""The pre-subset faces: what PDFs embed, rare characters, readiness, and the pinned bytes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from doc_service.render.faces import FACES_FILE, FaceMissing, load_face, pinned_faces
from doc_service.render.fetcher import TEMPLATE_BASE_URL, FetchRefused, SnapshotFetcher
from doc_service.render.snapshot import read_snapshot
from scripts.build_fonts import template_characters
from tests.support import DOCUMENT_TYPES, compact, pdf_pages

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "legal"
# the faces each edition should draw every character of the examples from
FACES = {
    "zh-CN": {"Document-Serif-SC", "Document-Serif-SC-Bold"},
    "zh-TW": {"Document-Serif-TC", "Document-Serif-TC-Bold"},
    "zh-HK": {"Document-Serif-HK", "Document-Serif-HK-Bold"},
    "en-GB": {"Document-Serif-Latin", "Document-Serif-Latin-Bold"},
}
RARE = "李䶮𠮷😀"  # CJK extension A, extension B (a surrogate pair), an emoji


def embedded_fonts(data: bytes, tmp_path: Path) -> set[str]:
    """Return the font names a PDF embeds, without their subset tags."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in listing if line.strip()}


@pytest.mark.parametrize("locale", FACES)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_examples_draw_only_from_the_pre_subset_faces(
    client: Any, examples: dict[str, Any], tmp_path: Path, document_type: str, locale: str
) -> None:
    body = {**examples[document_type], "locale": locale, "format": "pdf"}
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    fonts = embedded_fonts(response.data, tmp_path)
    # English editions may print a Chinese name from the payload in the SC faces
    allowed = FACES[locale] | (FACES["zh-CN"] if locale == "en-GB" else set())
    assert FACES[locale] <= fonts <= allowed, fonts


@pytest.mark.parametrize("locale", ["zh-CN", "zh-HK"])
def test_rare_characters_draw_from_the_full_faces(
    client: Any, examples: dict[str, Any], tmp_path: Path, locale: str
) -> None:
    body = {**examples["lawyer_letter"], "locale": locale, "format": "pdf"}
    body["case"] = {**body["case"], "debtor": {**body["case"]["debtor"], "name": RARE}}
    body["case"]["debtor"]["address"] = f"北京市{RARE}路1号"
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    text = compact("".join(pdf_pages(response.data)))
    assert f"{RARE}：" in text  # the bold salutation
    assert f"北京市{RARE}路1号" in text  # the regular address line
    fonts = embedded_fonts(response.data, tmp_path)
    script = locale[-2:].replace("CN", "SC")
    assert f"Document-Serif-{script}" in fonts
    assert any(name.startswith("Noto-Serif-CJK") for name in fonts), fonts
    assert any(name.startswith("Symbola") for name in fonts), fonts  # the emoji


def test_every_printed_character_is_pinned_in_the_faces() -> None:
    manifest = json.loads((TEMPLATES / FACES_FILE).read_text("utf-8"))
    missing = {chr(code) for code in template_characters()} - set(manifest["printed"])
    assert not missing, f"run make fonts: templates print {''.join(sorted(missing))!r}"


def test_fetcher_serves_only_pinned_faces_with_their_digests(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    snapshot = read_snapshot(TEMPLATES, "lawyer_letter", "zh-CN")
    face_url = TEMPLATE_BASE_URL + next(iter(pinned_faces(snapshot.files)))
    assert SnapshotFetcher(snapshot.files).fetch(face_url).read()[:4] == b"OTTO"  # as pinned
    without_faces = {k: v for k, v in snapshot.files.items() if k != FACES_FILE}
    with pytest.raises(FetchRefused):  # a version before the faces never embeds them
        SnapshotFetcher(without_faces).fetch(face_url)
    face = next(iter(pinned_faces(snapshot.files).values()))
    monkeypatch.setenv("DOC_SERVICE_FONT_DIR", str(tmp_path))
    with pytest.raises(FaceMissing, match="not built"):
        load_face(face)
    (tmp_path / face["file"]).write_bytes(b"OTTO another build")
    with pytest.raises(FaceMissing, match="pinned digest"):
        load_face(face)


def test_readiness_reports_unbuilt_faces(
    client: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert client.get("/readyz").get_json()["checks"]["faces"] == {"ok": True, "missing": []}
    monkeypatch.setenv("DOC_SERVICE_FONT_DIR", str(tmp_path))
    response = client.get("/readyz")
    assert response.status_code == 503
    faces = response.get_json()["checks"]["faces"]
    assert faces["ok"] is False
    assert "DocumentSerifSC-Regular.otf" in faces["missing"]


@pytest.mark.parametrize("locale", ["zh-TW", "zh-HK"])
def test_simplified_case_data_prints_from_the_traditional_faces(
    client: Any, examples: dict[str, Any], tmp_path: Path, locale: str
) -> None:
    body = {**examples["lawyer_letter"], "locale": locale, "format": "pdf"}
    # simplified characters outside Big5 that no template prints
    body["case"] = {**body["case"], "debtor": {**body["case"]["debtor"], "name": "龚丽娟"}}
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert "龚丽娟" in compact("".join(pdf_pages(response.data)))
    assert embedded_fonts(response.data, tmp_path) == FACES[locale]
