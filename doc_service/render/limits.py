"""Bounds on one render: a wall-clock deadline and the worker's memory ceiling."""

from __future__ import annotations

import logging
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)


class RenderTimeout(Exception):
    """A render ran past its deadline."""


class RenderLimitExceeded(Exception):
    """A render ran out of time or memory; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def run_limited(call: Callable[[], T], *, seconds: float | None) -> T:
    """Run a render with a deadline; a timeout or MemoryError becomes RenderLimitExceeded."""
    started = time.perf_counter()
    try:
        if not seconds or seconds <= 0:
            return call()
        if _can_use_alarm():
            with _alarm(seconds):
                return call()
        return _in_thread(call, seconds)
    except RenderTimeout:
        log.warning("render stopped after %.1f s (limit %s s)", _since(started), seconds)
        raise RenderLimitExceeded(f"rendering took longer than {seconds:g} s") from None
    except MemoryError:
        log.error("render ran out of memory after %.1f s", _since(started))
        raise RenderLimitExceeded("rendering needed more memory than a worker may use") from None


def _since(started: float) -> float:
    """Return the seconds elapsed since ``started``."""
    return time.perf_counter() - started


def _can_use_alarm() -> bool:
    """Tell whether SIGALRM can interrupt this thread (the main thread of a sync worker)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    # someone else's timer is running (a test harness, another deadline): do not steal it
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in this thread once ``seconds`` of wall-clock time have passed."""

    def on_alarm(signum: int, frame: Any) -> None:
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_thread(call: Callable[[], T], seconds: float) -> T:
    """Run ``call`` in a helper thread and stop waiting at the deadline.

    The fallback for threaded servers, where signals cannot reach the request's thread: the
    request still answers 503 on time and stores nothing; the abandoned render finishes on its
    own and its result is dropped (worker recycling bounds what such threads can cost).
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed back to the waiting thread
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="render", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise RenderTimeout
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def set_memory_ceiling(megabytes: int) -> bool:
    """Cap this process's address space, so a runaway render fails with MemoryError.

    Called in each gunicorn worker after the fork; returns False where the platform has no
    RLIMIT_AS or the cap would be above the hard limit.
    """
    if megabytes <= 0 or not hasattr(resource, "RLIMIT_AS"):
        return False
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY and limit > hard:
        return False
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return True
