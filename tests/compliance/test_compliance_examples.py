"""The shipped examples are compliant under the default policy, in every locale."""

from __future__ import annotations

import pytest

from doc_service.compliance import check
from schemas.catalogue import DOCUMENT_TYPES


@pytest.mark.parametrize("locale", ["en", "zh-CN", "zh-TW", "en-GB"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_example_case_has_no_violations(
    example_case, policy, example_history, document_type, locale
):
    case = example_case(document_type)
    assert check(case, document_type, policy, prior_documents=example_history, locale=locale) == []


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_example_case_passes_without_history(example_case, policy, document_type):
    # None means "no history to consult" (a preview): the escalation rule is skipped.
    case = example_case(document_type)
    assert check(case, document_type, policy, prior_documents=None) == []


def test_unknown_document_type_is_refused(example_case, policy):
    with pytest.raises(ValueError, match="unknown document type"):
        check(example_case("dunning_letter"), "summons", policy, prior_documents=None)


def test_optional_sections_may_be_absent(example_case, policy):
    case = example_case("dunning_letter")
    for optional in ("letter_number", "contact", "repayment"):
        del case[optional]
    del case["loan"]["overdue_annual_rate"]
    assert check(case, "dunning_letter", policy, prior_documents=None) == []
