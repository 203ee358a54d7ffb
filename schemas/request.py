"""The body of POST /v1/documents and POST /v1/previews."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validates_schema

from schemas import messages as msg
from schemas.base import StrictSchema, dig
from schemas.case import CaseSchema
from schemas.catalogue import DOCUMENT_TYPES, LOCALES, SECTION_OWNERS, entry_of
from schemas.enums import FORMATS
from schemas.errors import ErrorTree
from schemas.fields import Choice


class DocumentRequestSchema(StrictSchema):
    """Validate {"document_type", "format", "locale", "case"} into plain Python values.

    `locale` loads as None when absent: the API negotiates it from Accept-Language. A case
    section that belongs to another document type (e.g. `law_firm` on a dunning letter) is
    accepted, validated, and dropped from the result.
    """

    document_type = Choice(DOCUMENT_TYPES, required=True)
    format = Choice(FORMATS, load_default="pdf")
    locale = Choice(LOCALES, load_default=None, allow_none=True)
    case = fields.Nested(CaseSchema, required=True)
    # issued PDFs are PDF/A-3u with the case embedded; null asks for a plain PDF
    pdf_variant = Choice(("pdf/a-3u",), load_default="pdf/a-3u", allow_none=True)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _require_sections(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Report the parts of the case this document type needs but the body lacks."""
        name = data.get("document_type")
        if name is None:
            return
        errors = ErrorTree()
        for path in entry_of(name).required:
            # Look at the body, not the loaded data: a present but invalid part is not missing.
            parent = dig(original, "case", *path[:-1])
            if isinstance(parent, dict) and path[-1] not in parent:
                errors.add(("case", *path), msg.MISSING)
        errors.raise_if_any()

    @post_load
    def _apply_type_defaults(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Drop other types' sections and default the masking option for this type."""
        kind = entry_of(data["document_type"])
        case = data["case"]
        for section, owner in SECTION_OWNERS.items():
            if owner != kind.name:
                case.pop(section, None)
        options = case.setdefault("options", {})
        options.setdefault("mask_personal_data", kind.masked_by_default)
        return data
