"""Helpers of the preview tests: a template root with a pinned older version, a live server."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

EDITED = ("dunning_letter", "zh-CN")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 20_000
MARK = "（已修订）"
_KEY_PREFIX = re.compile(r"^[A-Za-z_]+:\s*(\|-?)?\s*")


@dataclass(frozen=True)
class PinnedTemplates:
    """A template root whose dunning_letter/zh-CN changed after a document was issued."""

    data_dir: Path
    template_root: Path
    old_version: str
    old_sentence: str
    new_sentence: str

    def settings(self, **overrides: Any) -> dict[str, Any]:
        """Return app settings that use this root and data dir."""
        return {
            "DATA_DIR": str(self.data_dir),
            "TEMPLATE_ROOT": str(self.template_root),
            "TESTING": True,
            **overrides,
        }


def example_request(app: Flask, document_type: str, locale: str, fmt: str) -> dict[str, Any]:
    """Return the sample request of a template, in one format."""
    with app.test_client() as client:
        detail = client.get(f"/v1/templates/{document_type}/{locale}").get_json()
    return {**detail["sample_request"], "format": fmt}


def edit_a_clause(clauses: Path, rendered: list[str]) -> tuple[str, str]:
    """Change one literal sentence of the clause file that the document really prints."""
    text = clauses.read_text(encoding="utf-8")
    for line in text.splitlines():
        literal = _KEY_PREFIX.sub("", line.strip()).strip("\"'")
        if "{" in literal or "#" in literal or len(literal) < 8 or not literal.endswith("。"):
            continue
        sentence = next((s for s in rendered if s.endswith(literal)), None)
        if sentence is None:
            continue
        clauses.write_text(text.replace(literal, literal[:-1] + MARK + "。", 1), encoding="utf-8")
        return sentence, sentence[:-1] + MARK + "。"
    raise AssertionError(f"no literal sentence of {clauses} appears in the rendered document")


class LiveServer:
    """A real HTTP server of an app, in a thread, on a free port."""

    def __init__(self, app: Flask) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
