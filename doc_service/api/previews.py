"""Specimen previews for legal staff: render any case, mark every page, store nothing."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.downloads import document_response
from doc_service.api.intake import load_document_request
from doc_service.render.formats import PREVIEW_FORMATS
from doc_service.rendering import render_request
from doc_service.services import services

blp = Blueprint("previews", __name__, url_prefix="/v1/previews", description="Specimen previews")


@blp.route("")
class Previews(MethodView):
    """Render a specimen."""

    @blp.doc(
        requestBody={
            "required": True,
            "content": {"application/json": {"schema": "DocumentRequest"}},
        },
        responses={
            "200": {
                "description": "The specimen, marked 样稿 / SPECIMEN on every page",
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                        "schema": {"type": "string", "format": "binary"}
                    },
                    "text/html": {"schema": {"type": "string"}},
                },
            }
        },
    )
    def post(self) -> Response:
        """Render the case as a specimen in the requested format; nothing is stored."""
        document_request = load_document_request(formats=PREVIEW_FORMATS)
        rendered = render_request(services(), document_request, specimen=True)
        response = document_response(
            rendered, filename_stem=f"specimen-{document_request.case['case_id']}"
        )
        return response
