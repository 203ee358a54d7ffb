"""The print file's joiner: pages in order, each font program once, memory flat in the count."""

from __future__ import annotations

import hashlib
import io
import tracemalloc
from pathlib import Path

import pypdf
import pytest

from doc_service.batches.pdfjoin import PdfJoiner, join
from tests.support import load_example, pdf_pages, render_body

pytestmark = pytest.mark.slow
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@pytest.fixture(scope="module")
def letters() -> list[bytes]:
    dunning, lawyer = load_example("dunning_letter"), load_example("lawyer_letter")
    lawyer["case"]["debtor"]["name"] = "陈晓明"
    return [render_body(dunning), render_body(lawyer)]


def font_programs(data: bytes) -> list[str]:
    """Return the SHA-256 of every embedded font program object of a PDF."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    found = []
    for number in range(1, len(reader.xref_objStm) + reader.trailer["/Size"]):
        try:
            obj = reader.get_object(number)
        except Exception:  # a free or missing number
            continue
        if isinstance(obj, pypdf.generic.DictionaryObject):
            for key in FONT_FILES:
                if key in obj:
                    program = obj[key].get_object()
                    found.append(hashlib.sha256(program.get_data()).hexdigest())
    return found


def test_pages_come_in_order_and_each_font_program_is_written_once(
    letters: list[bytes],
) -> None:
    night = letters * 3
    out = io.BytesIO()
    pages = join(out, night, b"\x01" * 16)
    joined = out.getvalue()
    expected = [text for letter in night for text in pdf_pages(letter)]
    assert pdf_pages(joined) == expected
    assert pages == len(expected)
    # every letter embeds its fonts; the print file keeps each distinct program once
    distinct = set(font_programs(letters[0])) | set(font_programs(letters[1]))
    programs = font_programs(joined)
    assert sorted(programs) == sorted(distinct)
    assert len(joined) < sum(len(letter) for letter in letters) + 20_000


def test_blank_pages_take_the_size_given(letters: list[bytes]) -> None:
    out = io.BytesIO()
    joiner = PdfJoiner(out, b"\x02" * 16)
    source = joiner.add_document(letters[0])
    joiner.add_blank(*source.size(0))
    joiner.finish()
    reader = pypdf.PdfReader(io.BytesIO(out.getvalue()))
    blank = reader.pages[-1]
    assert len(reader.pages) == source.page_count + 1
    assert (float(blank.mediabox.width), float(blank.mediabox.height)) == pytest.approx(
        (595.276, 841.89), abs=0.01
    )
    assert blank.extract_text() == ""


def peak_memory(letters: list[bytes], count: int, target: Path) -> int:
    """Return the peak memory Python allocated joining `count` letters into a file."""
    tracemalloc.start()
    try:
        with target.open("wb") as out:
            joiner = PdfJoiner(out, b"\x03" * 16)
            for index in range(count):
                joiner.add_document(letters[index % 2])
            joiner.finish()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_number_of_letters(
    letters: list[bytes], tmp_path: Path
) -> None:
    few = peak_memory(letters, 16, tmp_path / "few.pdf")
    many = peak_memory(letters, 96, tmp_path / "many.pdf")
    assert (tmp_path / "many.pdf").stat().st_size > (tmp_path / "few.pdf").stat().st_size
    # one letter at a time is held, plus a digest and an offset per written object
    assert many < 1.5 * few
