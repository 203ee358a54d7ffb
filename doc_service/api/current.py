"""The services of the app handling the current request: built once per process, shared by views."""

from __future__ import annotations

from flask import Flask, current_app

from doc_service.services import Services, build_services


def register_services(app: Flask) -> None:
    """Build the services once per process and hang them on the app."""
    app.extensions["doc_service"] = build_services(dict(app.config))


def services() -> Services:
    """Return the current app's services."""
    return current_app.extensions["doc_service"]
