"""A worker warms every current template before it serves."""

from __future__ import annotations

import gc
import logging
from typing import Any

import pytest

from doc_service.documents.warmup import settle_heap, warm_up


def test_warm_up_renders_every_template_without_a_failure(
    shared_app: Any, caplog: pytest.LogCaptureFixture
) -> None:
    registry = shared_app.extensions["doc_service"].templates
    with caplog.at_level(logging.ERROR, logger="doc_service.documents.warmup"):
        warm_up(registry)
    assert not caplog.records, [record.getMessage() for record in caplog.records]
    # every template's DOCX parts were prepared on the way (render/docx.py fills them once)
    assert all(template.docx_patched_parts for template in registry.all())


def test_settling_after_the_warm_up_keeps_the_warmed_objects_out_of_collections() -> None:
    try:
        settle_heap()
        # what the worker holds after its warm-up is frozen: collections during renders skip it
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
