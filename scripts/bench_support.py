"""What every benchmark shares: the sample request, repeated timings and their p95."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from schemas.catalogue import sample_case


def example(document_type: str) -> dict[str, Any]:
    """Return a zh-CN PDF request for the sample case a document type ships with."""
    return {
        "document_type": document_type,
        "format": "pdf",
        "locale": "zh-CN",
        "case": sample_case(document_type),
    }


def timings(action: Callable[[], None], runs: int, warmup: int = 3) -> list[float]:
    """Return the wall times of an action, in seconds, after a few warm-up calls."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def p95(samples: list[float]) -> float:
    """Return the 95th percentile (nearest rank)."""
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]
