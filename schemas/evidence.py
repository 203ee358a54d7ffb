"""The evidence list (证据目录) of a notice of intended suit: what the creditor will file."""

from __future__ import annotations

from marshmallow import fields

from schemas.base import StrictSchema
from schemas.fields import FreeText, Integer, Items, Text
from schemas.i18n import I18n

EVIDENCE_TITLE_MAX = 200
MAX_EVIDENCE = 50
MAX_PAGES = 9999


def _title() -> Text:
    return Text(max_length=EVIDENCE_TITLE_MAX)


class EvidenceItemSchema(StrictSchema):
    """One exhibit: its name, what it proves, and how many pages it has."""

    title = Text(max_length=EVIDENCE_TITLE_MAX, required=True)
    purpose = FreeText(required=True)
    pages = Integer(minimum=1, maximum=MAX_PAGES, required=True)
    i18n = I18n(title=_title, purpose=FreeText)


def Evidence() -> Items:
    """Build the `litigation.evidence` field: 1 to MAX_EVIDENCE exhibits, in filing order."""
    return Items(fields.Nested(EvidenceItemSchema), minimum=1, maximum=MAX_EVIDENCE)
