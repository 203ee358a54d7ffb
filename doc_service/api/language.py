"""The language a response speaks: zh or en, from the request's Accept-Language."""

from __future__ import annotations

from flask import has_request_context, request


def response_language() -> str:
    """Return the language of messages for this request: zh or en, from Accept-Language."""
    if not has_request_context():
        return "en"
    match = request.accept_languages.best_match(["zh", "zh-CN", "en"], default="en")
    return "zh" if match.startswith("zh") else "en"
