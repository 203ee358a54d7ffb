"""A worker warms every current template before it serves."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from doc_service.documents.warmup import warm_up


def test_warm_up_renders_every_template_without_a_failure(
    shared_app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    registry = shared_app.extensions["doc_service"].templates
    with caplog.at_level(logging.ERROR, logger="doc_service.documents.warmup"):
        warm_up(registry)
    assert not caplog.records, [record.getMessage() for record in caplog.records]
    # every template's DOCX parts were prepared on the way (render/docx.py fills them once)
    assert all(template.docx_patched_parts for template in registry.all())
