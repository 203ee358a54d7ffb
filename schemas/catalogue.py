"""The document-type catalogue: every fact about a type that more than one layer needs, once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from doc_service.i18n import N_

LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
SAMPLE_CASE_NAME = "sample_case.json"
DEFAULT_TEMPLATE_ROOT = Path(__file__).resolve().parent.parent / "templates" / "legal"


@dataclass(frozen=True)
class DocumentType:
    """One document type: what its case must hold, who signs it, how it treats personal data."""

    name: str
    label: str  # an English catalogue message; the Babel catalogue gives the Chinese
    # paths inside `case` this type needs although CaseSchema leaves them optional
    required: tuple[tuple[str, ...], ...]
    # the case section only this type uses; other types validate and then drop it
    owned_section: str | None
    # letters and notices mask IDs and phones unless told otherwise; the agreement shows them
    masked_by_default: bool
    # who signs (and is the PDF/DOCX author): the law firm or the creditor
    issuer: str
    # the default shortest notice period of the compliance policy (None: no deadline to give)
    notice_days: int | None


DOCUMENT_TYPE_LIST = (
    DocumentType(
        name="dunning_letter",
        label=N_("dunning letter"),
        required=(("repayment", "deadline"),),
        owned_section=None,
        masked_by_default=True,
        issuer="creditor",
        notice_days=7,
    ),
    DocumentType(
        name="lawyer_letter",
        label=N_("lawyer's letter"),
        required=(("repayment", "deadline"), ("law_firm",)),
        owned_section="law_firm",
        masked_by_default=True,
        issuer="law_firm",
        notice_days=7,
    ),
    DocumentType(
        name="litigation_notice",
        label=N_("litigation notice"),
        required=(("repayment", "deadline"), ("litigation",)),
        owned_section="litigation",
        masked_by_default=True,
        issuer="creditor",
        notice_days=7,
    ),
    DocumentType(
        name="repayment_agreement",
        label=N_("repayment agreement"),
        required=(("agreement",),),
        owned_section="agreement",
        masked_by_default=False,
        issuer="creditor",
        notice_days=None,
    ),
)
CATALOGUE = {kind.name: kind for kind in DOCUMENT_TYPE_LIST}
DOCUMENT_TYPES = tuple(CATALOGUE)
SECTION_OWNERS = {
    kind.owned_section: kind.name for kind in DOCUMENT_TYPE_LIST if kind.owned_section
}


def entry_of(name: str) -> DocumentType:
    """Return the catalogue entry of a document type (KeyError for an unknown one)."""
    return CATALOGUE[name]


def sample_case_path(name: str, template_root: Path = DEFAULT_TEMPLATE_ROOT) -> Path:
    """Return the file of the complete sample case a document type ships with its templates."""
    return template_root / CATALOGUE[name].name / SAMPLE_CASE_NAME


def sample_case(name: str, template_root: Path = DEFAULT_TEMPLATE_ROOT) -> dict[str, Any]:
    """Return the sample case of a document type, as JSON (amounts still strings)."""
    return json.loads(sample_case_path(name, template_root).read_text(encoding="utf-8"))


def example_requests(name: str, template_root: Path = DEFAULT_TEMPLATE_ROOT) -> dict[str, Any]:
    """Return the example requests a document type ships beside its sample case, by file name
    (examples/joint.json: two debtors and two guarantors)."""
    folder = template_root / CATALOGUE[name].name / "examples"
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
    }
