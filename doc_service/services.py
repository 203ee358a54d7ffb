"""The long-lived services one process shares across requests, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from doc_service.fonts import require_harfbuzz_subsetting
from doc_service.render.registry import TemplateRegistry


@dataclass
class Services:
    """What views hand to the service functions: settings and compiled templates."""

    settings: dict[str, Any]
    templates: TemplateRegistry

    def storage_checks(self) -> dict[str, dict[str, Any]]:
        """Return readiness checks of the audit database and the blob store."""
        return {}


def register_services(app: Flask) -> None:
    """Check the renderer's requirements and compile every template once."""
    require_harfbuzz_subsetting()
    settings = dict(app.config)
    services = Services(
        settings=settings,
        templates=TemplateRegistry(Path(settings["TEMPLATE_ROOT"])),
    )
    app.extensions["doc_service"] = services


def services() -> Services:
    """Return the current app's services."""
    return current_app.extensions["doc_service"]
