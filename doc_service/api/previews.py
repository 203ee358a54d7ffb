"""Specimen previews for legal staff: render any case, mark every page, store nothing."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.downloads import document_response
from doc_service.api.intake import DOCUMENT_REQUEST_BODY, load_document_request
from doc_service.documents.guard import review
from doc_service.documents.notes import specimen_notes
from doc_service.documents.rendering import render_request
from doc_service.render.formats import PREVIEW_FORMATS

blp = Blueprint("previews", __name__, url_prefix="/v1/previews", description="Specimen previews")


@blp.route("")
class Previews(MethodView):
    """Render a specimen."""

    @blp.doc(
        requestBody=DOCUMENT_REQUEST_BODY,
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
    @requires("reviewer")
    def post(self) -> Response:
        """Render the case as a specimen in the requested format; nothing is stored."""
        document_request = load_document_request(formats=PREVIEW_FORMATS)
        # the notes print on the specimen: in its language, whatever the response's
        violations = review(services(), document_request, language=document_request.locale)
        notes = specimen_notes(violations, document_request.locale)
        rendered = render_request(services(), document_request, specimen=True, notes=notes)
        response = document_response(
            rendered, filename_stem=f"specimen-{document_request.case['case_id']}"
        )
        response.headers["X-Compliance-Violations"] = str(len(violations))
        if violations:
            response.headers["X-Compliance-Rules"] = ",".join(sorted({v.rule for v in violations}))
        return response
