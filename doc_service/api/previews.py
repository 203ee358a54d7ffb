"""Specimen previews for legal staff: render any case, mark every page, store nothing."""

from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from doc_service.api.auth import requires
from doc_service.api.current import services
from doc_service.api.downloads import document_response
from doc_service.api.intake import DOCUMENT_REQUEST_BODY, load_document_request
from doc_service.documents.earlier_letters import with_earlier_letters
from doc_service.documents.guard import review
from doc_service.documents.notes import specimen_notes
from doc_service.documents.rendering import render_request
from doc_service.documents.request import DocumentRequest
from doc_service.render.formats import PREVIEW_FORMATS
from doc_service.render.registry import UnknownTemplate

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
        # a notice's specimen cites the case's earlier letters as its issue would (read only)
        document_request = with_earlier_letters(
            services(), load_document_request(formats=PREVIEW_FORMATS)
        )
        # the notes print on the specimen: in its language, whatever the response's
        violations = review(services(), document_request, language=document_request.locale)
        notes = specimen_notes(violations, document_request.locale)
        rendered = render_request(services(), document_request, specimen=True, notes=notes)
        response = document_response(rendered, filename_stem=specimen_stem(document_request))
        response.headers["X-Compliance-Violations"] = str(len(violations))
        if violations:
            response.headers["X-Compliance-Rules"] = ",".join(sorted({v.rule for v in violations}))
            # where each finding is, so the page can mark the field (dotted paths are ASCII)
            response.headers["X-Compliance-Paths"] = ",".join(sorted({v.path for v in violations}))
        return response


SPECIMEN_WORDS = {"zh-CN": "样稿", "zh-HK": "樣稿", "zh-TW": "樣稿"}


def specimen_stem(document_request: DocumentRequest) -> str:
    """Name a specimen like the issued document: title, case, locale, and 样稿 / specimen."""
    try:
        template = services().templates.current(
            document_request.document_type, document_request.locale
        )
        title = str(template.clauses.raw.get("title") or document_request.document_type)
    except UnknownTemplate:
        title = document_request.document_type
    word = SPECIMEN_WORDS.get(document_request.locale, "specimen")
    case_id = document_request.case["case_id"]
    return f"{title}-{case_id}-{document_request.locale}-{word}"
