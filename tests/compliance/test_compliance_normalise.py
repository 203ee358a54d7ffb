"""Normalisation folds width, case, script and punctuation, identically for text and patterns."""

from __future__ import annotations

import pytest

from doc_service.compliance import normalise


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("逮 捕", "逮捕"),
        ("逮.捕", "逮捕"),
        ("逮*捕", "逮捕"),
        ("逮·捕", "逮捕"),
        ("逮\u200b捕", "逮捕"),
        ("聯繫家人", "联系家人"),
        ("ＡＲＲＥＳＴ", "arrest"),
        ("a r r e s t", "arrest"),
        ("A-R-R-E-S-T", "arrest"),
        ("árrést", "arrest"),
        ("９：００", "900"),
        ("  \t\n", ""),
    ],
)
def test_normalise(text, expected):
    assert normalise(text) == expected
