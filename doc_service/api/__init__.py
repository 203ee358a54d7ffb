"""HTTP layer: flask-smorest blueprints, the OpenAPI description and its offline browser."""

from __future__ import annotations

from flask import Flask, send_from_directory
from flask.typing import ResponseReturnValue
from flask_smorest import Api

from doc_service.api.problems import document_problems
from schemas import DocumentRequestSchema
from schemas.openapi import describe_strict_fields
from schemas.rules import rules_description

OPENAPI_SETTINGS = {
    "API_TITLE": "doc_service",
    "API_VERSION": "v1",
    # 3.1: JSON Schema 2020-12, whose patterns may name characters beyond the BMP (the
    # characters a Text refuses include private-use planes and tag characters)
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "/docs",
    # served by this service itself (swagger-ui-bundle), so /docs works offline
    "OPENAPI_SWAGGER_UI_URL": "/docs/assets/",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Renders and issues the pre-suit collection documents of a lender "
            "(催收函, 律师函, 起诉通知, 还款协议) with a tamper-evident audit record."
        }
    },
}


def register_api(app: Flask) -> None:
    """Mount every blueprint and the documentation routes."""
    from doc_service.api import (
        anchors,
        audit,
        batches,
        chain_checks,
        comparisons,
        compliance,
        documents,
        evidence,
        health,
        preview_cases,
        previews,
        retention,
        templates,
    )

    for key, value in OPENAPI_SETTINGS.items():
        app.config.setdefault(key, value)
    api = Api(app)
    describe_strict_fields(api)
    # errors are problem+json: describe them so (doc_service.api.problems, security issue)
    document_problems(api)
    # the description as a component of its own: apispec drops additionalProperties when a
    # schema's Meta carries one
    api.spec.components.schema(
        "DocumentRequest", {"description": rules_description()}, schema=DocumentRequestSchema
    )
    for module in (
        health,
        documents,
        batches,
        evidence,
        audit,
        anchors,
        chain_checks,
        templates,
        previews,
        compliance,
        comparisons,
        retention,
        preview_cases,
    ):
        api.register_blueprint(module.blp)
    _register_docs_assets(app)
    app.extensions["doc_service_api"] = api


def _register_docs_assets(app: Flask) -> None:
    """Serve Swagger UI's scripts and styles from the installed bundle."""
    from swagger_ui_bundle import swagger_ui_path

    @app.get("/docs/assets/<path:filename>")
    def docs_assets(filename: str) -> ResponseReturnValue:
        return send_from_directory(swagger_ui_path, filename)
