"""The request envelope, the sections each document type requires, and unknown keys."""

from __future__ import annotations

import pytest

from schemas.catalogue import DOCUMENT_TYPES

MISSING = ["Missing data for required field."]

COMMON_REQUIRED = [
    "case.case_id",
    "case.creditor",
    "case.creditor.name",
    "case.creditor.uscc",
    "case.creditor.address",
    "case.creditor.phone",
    "case.debtor",
    "case.debtor.name",
    "case.debtor.id_type",
    "case.debtor.id_number",
    "case.debtor.address",
    "case.loan",
    "case.loan.contract_number",
    "case.loan.contract_date",
    "case.loan.principal",
    "case.loan.annual_interest_rate",
    "case.arrears",
    "case.arrears.as_of",
    "case.arrears.principal",
    "case.arrears.interest",
    "case.arrears.penalty_interest",
    "case.arrears.fees",
    "case.arrears.total",
    "case.arrears.overdue_since",
    "case.repayment",
    "case.repayment.account",
    "case.repayment.account.name",
    "case.repayment.account.number",
    "case.repayment.account.bank",
    "case.contact",
    "case.contact.name",
    "case.contact.phone",
    "case.contact.hours",
]

TYPE_REQUIRED = [
    ("dunning_letter", "case.repayment.deadline"),
    ("lawyer_letter", "case.repayment.deadline"),
    ("litigation_notice", "case.repayment.deadline"),
    ("lawyer_letter", "case.law_firm"),
    ("lawyer_letter", "case.law_firm.name"),
    ("lawyer_letter", "case.law_firm.address"),
    ("lawyer_letter", "case.law_firm.phone"),
    ("lawyer_letter", "case.law_firm.lawyers"),
    ("lawyer_letter", "case.law_firm.lawyers.0.name"),
    ("lawyer_letter", "case.law_firm.lawyers.1.license_number"),
    ("lawyer_letter", "case.law_firm.reply_days"),
    ("litigation_notice", "case.litigation"),
    ("litigation_notice", "case.litigation.court"),
    ("litigation_notice", "case.litigation.jurisdiction_basis"),
    ("repayment_agreement", "case.agreement"),
    ("repayment_agreement", "case.agreement.total"),
    ("repayment_agreement", "case.agreement.installments"),
    ("repayment_agreement", "case.agreement.installments.0.due_date"),
    ("repayment_agreement", "case.agreement.installments.0.amount"),
    ("repayment_agreement", "case.agreement.waived.fees"),
    ("repayment_agreement", "case.agreement.mediator.name"),
    ("repayment_agreement", "case.agreement.mediator.organization"),
]

OPTIONAL = [
    ("dunning_letter", "case.letter_number"),
    ("dunning_letter", "case.creditor.legal_representative"),
    ("dunning_letter", "case.debtor.phone"),
    ("dunning_letter", "case.loan.currency"),
    ("dunning_letter", "case.loan.overdue_annual_rate"),
    ("dunning_letter", "case.loan.maturity_date"),
    ("dunning_letter", "case.loan.term_months"),
    ("dunning_letter", "case.arrears.overdue_days"),
    ("dunning_letter", "case.repayment.channels"),
    ("repayment_agreement", "case.arrears.overdue_days"),
    ("litigation_notice", "case.litigation.claims"),
    ("litigation_notice", "case.litigation.intended_filing_date"),
    ("repayment_agreement", "case.agreement.acceleration_after_days"),
    ("repayment_agreement", "case.agreement.dispute_resolution"),
    ("repayment_agreement", "case.agreement.forum"),
    ("repayment_agreement", "case.agreement.mediator"),
]


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
@pytest.mark.parametrize("path", COMMON_REQUIRED)
def test_common_fields_are_required(example, drop, errors, document_type, path):
    assert errors(drop(example(document_type), path)) == {path: MISSING}


@pytest.mark.parametrize(("document_type", "path"), TYPE_REQUIRED)
def test_type_specific_fields_are_required(example, drop, errors, document_type, path):
    assert errors(drop(example(document_type), path)) == {path: MISSING}


@pytest.mark.parametrize(("document_type", "path"), OPTIONAL)
def test_optional_fields_may_be_omitted(example, drop, load, document_type, path):
    load(drop(example(document_type), path))


def test_present_but_invalid_section_is_not_also_missing(example, put, errors):
    body = put(example("lawyer_letter"), "case.law_firm", "北京示例律师事务所")
    assert errors(body) == {"case.law_firm": ["Invalid input type."]}


def test_null_section_is_refused(example, put, errors):
    body = put(example("litigation_notice"), "case.litigation", None)
    assert errors(body) == {"case.litigation": ["Field may not be null."]}


def test_document_type_is_required(example, drop, errors):
    assert errors(drop(example(), "document_type")) == {"document_type": MISSING}


def test_case_is_required(example, drop, errors):
    assert errors(drop(example(), "case")) == {"case": MISSING}


@pytest.mark.parametrize(
    ("field", "value", "accepted"),
    [
        (
            "document_type",
            "summons",
            "dunning_letter, lawyer_letter, litigation_notice, repayment_agreement",
        ),
        ("format", "odt", "pdf, docx, html"),
        ("locale", "fr-FR", "zh-CN, zh-HK, zh-TW, en-US, en-GB"),
    ],
)
def test_unknown_choice_lists_accepted_values(example, put, errors, field, value, accepted):
    assert errors(put(example(), field, value)) == {field: [f"must be one of: {accepted}"]}


def test_unknown_top_level_key(example, put, errors):
    assert errors(put(example(), "callback_url", "http://x")) == {
        "callback_url": ["Unknown field."]
    }


@pytest.mark.parametrize(
    ("document_type", "path"),
    [
        ("dunning_letter", "case.nickname"),
        ("dunning_letter", "case.debtor.nickname"),
        ("dunning_letter", "case.repayment.account.swift"),
        ("dunning_letter", "case.options.watermark"),
        ("lawyer_letter", "case.law_firm.lawyers.1.email"),
        ("repayment_agreement", "case.agreement.installments.2.note"),
        ("repayment_agreement", "case.agreement.waived.interest"),
        ("repayment_agreement", "case.agreement.mediator.phone"),
    ],
)
def test_unknown_nested_key(example, put, errors, document_type, path):
    body = example(document_type)
    body["case"].setdefault("options", {})
    assert errors(put(body, path, "x")) == {path: ["Unknown field."]}


def test_non_object_case(example, put, errors):
    assert errors(put(example(), "case", [])) == {"case": ["Invalid input type."]}


def test_non_object_body(errors):
    assert errors([]) == {"": ["Invalid input type."]}


@pytest.mark.parametrize("value", ["true", 1, None])
def test_mask_option_must_be_a_boolean(example, put, errors, value):
    body = put(example(), "case.options", {"mask_personal_data": value})
    expected = "Field may not be null." if value is None else "Not a valid boolean."
    assert errors(body) == {"case.options.mask_personal_data": [expected]}


def test_many_errors_are_reported_together(example, put, errors):
    body = example("lawyer_letter")
    put(body, "case.debtor.id_number", "110105198503075417")
    put(body, "case.arrears.total", "13580.24")
    put(body, "case.law_firm.reply_days", 0)
    assert set(errors(body)) == {
        "case.debtor.id_number",
        "case.arrears.total",
        "case.law_firm.reply_days",
    }
