"""Liveness and readiness probes (open to everyone)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.current import services
from doc_service.render.faces import missing_faces
from doc_service.render.fonts import harfbuzz_subsetting_available, missing_font_families
from schemas.responses import HealthSchema, ReadinessSchema

blp = Blueprint("health", __name__, description="Liveness and readiness probes")


def _json(schema: type) -> dict[str, Any]:
    """Return an OpenAPI content map of one JSON schema."""
    return {"application/json": {"schema": schema}}


@blp.route("/healthz")
class Health(MethodView):
    """The process answers."""

    # OpenAPI only (security issue: schemathesis checks answers against the description)
    @blp.doc(responses={"200": {"description": "Alive", "content": _json(HealthSchema)}})
    def get(self) -> dict[str, str]:
        """Report that the process is alive."""
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    """The process can render and store documents."""

    # OpenAPI only: both answers share one shape
    @blp.doc(
        responses={
            "200": {"description": "Ready", "content": _json(ReadinessSchema)},
            "503": {"description": "Not ready", "content": _json(ReadinessSchema)},
        }
    )
    def get(self) -> tuple[dict[str, Any], int]:
        """Check fonts, font subsetting, templates and storage; 503 when any fails."""
        missing = missing_font_families()
        templates = services().templates.all()
        # the pre-subset faces today's templates pin, built with exactly the pinned bytes
        unbuilt = sorted(
            {name for each in templates for name in missing_faces(each.snapshot.files)}
        )
        checks: dict[str, dict[str, Any]] = {
            "font_subsetting": {"ok": harfbuzz_subsetting_available()},
            "fonts": {"ok": not missing, "missing": missing},
            "faces": {"ok": not unbuilt, "missing": unbuilt},
            "templates": {"ok": bool(templates)},
        }
        checks.update(services().storage_checks())
        ready = all(check["ok"] for check in checks.values())
        return {"status": "ready" if ready else "not ready", "checks": checks}, (
            200 if ready else 503
        )
