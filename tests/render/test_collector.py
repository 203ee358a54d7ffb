"""A PDF render runs with a longer young generation; everything else with the collector's own."""

from __future__ import annotations

import gc
import threading
from typing import Any

from doc_service.documents.request import load_request
from doc_service.render import render_document
from doc_service.render.collector import RENDER_YOUNG_GENERATION, fewer_collections
from tests.support import load_example


def test_the_longer_young_generation_lasts_as_long_as_the_outermost_render() -> None:
    outside = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (RENDER_YOUNG_GENERATION, *outside[1:])
        with fewer_collections():  # a second render in another thread overlaps the first
            pass
        assert gc.get_threshold()[0] == RENDER_YOUNG_GENERATION
    assert gc.get_threshold() == outside


def test_overlapping_renders_in_threads_leave_the_collector_as_it_was() -> None:
    outside = gc.get_threshold()
    inside = threading.Barrier(4)

    def render() -> None:
        with fewer_collections():
            inside.wait(timeout=10)  # all four inside at once

    threads = [threading.Thread(target=render) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == outside


def test_a_pdf_render_hands_the_collector_back_as_it_found_it(shared_app: Any) -> None:
    outside = gc.get_threshold()
    template = shared_app.extensions["doc_service"].templates.current("dunning_letter", "zh-CN")
    job = load_request({**load_example("dunning_letter"), "format": "pdf"}).render_job()
    content = render_document(job=job, template=template).content
    assert content.startswith(b"%PDF-")
    assert gc.get_threshold() == outside
