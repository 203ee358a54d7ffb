"""The shared examples load cleanly into exact Python types, with the type's defaults."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from schemas import CaseSchema, clock
from schemas.catalogue import DOCUMENT_TYPES


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_example_loads(example, load, document_type):
    result = load(example(document_type))
    case = result["case"]
    assert result["document_type"] == document_type
    assert (result["format"], result["locale"]) == ("pdf", "zh-CN")
    assert isinstance(case["issue_date"], dt.date)
    assert isinstance(case["arrears"]["as_of"], dt.date)
    assert case["arrears"]["principal"] == Decimal("12345.67")
    assert str(case["arrears"]["fees"]) == "0.00"
    assert case["loan"]["annual_interest_rate"] == Decimal("0.1440")
    assert case["loan"]["term_months"] == 12
    assert case["debtor"]["id_number"] == "110105198503075418"


def test_amounts_are_decimals_with_two_places(example, load):
    case = load(example("repayment_agreement"))["case"]
    amounts = [
        case["agreement"]["total"],
        *(i["amount"] for i in case["agreement"]["installments"]),
    ]
    assert all(type(a) is Decimal and a.as_tuple().exponent == -2 for a in amounts)
    assert case["agreement"]["installments"][0] == {
        "due_date": dt.date(2025, 4, 15),
        "amount": Decimal("3169.12"),
    }


def test_lists_load_as_lists_of_dicts(example, load):
    case = load(example("lawyer_letter"))["case"]
    assert isinstance(case["law_firm"]["lawyers"], list)
    assert case["law_firm"]["lawyers"][0] == {"name": "陈律", "license_number": "11101201810123456"}
    assert case["repayment"]["channels"][1] == "对公转账至上述账户，附言注明合同编号"


def test_integer_amounts_are_quantized(example, put, load):
    body = put(example(), "case.loan.principal", 50000)
    assert str(load(body)["case"]["loan"]["principal"]) == "50000.00"


@pytest.mark.parametrize(
    ("document_type", "masked"),
    [
        ("dunning_letter", True),
        ("lawyer_letter", True),
        ("litigation_notice", True),
        ("repayment_agreement", False),
    ],
)
def test_masking_defaults_by_document_type(example, load, document_type, masked):
    assert load(example(document_type))["case"]["options"]["mask_personal_data"] is masked


def test_explicit_masking_option_wins(example, put, load):
    body = put(example("repayment_agreement"), "case.options", {"mask_personal_data": True})
    assert load(body)["case"]["options"]["mask_personal_data"] is True


def test_format_defaults_to_pdf_and_locale_to_none(example, load):
    body = example()
    del body["format"], body["locale"]
    result = load(body)
    assert (result["format"], result["locale"]) == ("pdf", None)


def test_null_locale_means_negotiate(example, put, load):
    assert load(put(example(), "locale", None))["locale"] is None


def test_issue_date_defaults_to_today_in_shanghai(example, drop, load, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: dt.date(2025, 3, 8))
    case = load(drop(example(), "case.issue_date"))["case"]
    assert case["issue_date"] == dt.date(2025, 3, 8)


def test_clock_reads_shanghai_time():
    assert clock.DOCUMENT_ZONE.key == "Asia/Shanghai"
    shanghai = dt.datetime.now(clock.DOCUMENT_ZONE).date()
    assert clock.today() in {shanghai, shanghai + dt.timedelta(days=1)}  # midnight race


def test_currency_defaults_to_cny(example, drop, load):
    assert load(drop(example(), "case.loan.currency"))["case"]["loan"]["currency"] == "CNY"


def test_other_types_sections_are_dropped(example, load):
    body = example("dunning_letter")
    body["case"]["law_firm"] = example("lawyer_letter")["case"]["law_firm"]
    assert "law_firm" not in load(body)["case"]


def test_other_types_sections_are_still_validated(example, errors):
    body = example("dunning_letter")
    body["case"]["litigation"] = {"court": "北京市朝阳区人民法院", "jurisdiction_basis": "nowhere"}
    assert "case.litigation.jurisdiction_basis" in errors(body)


def test_case_schema_alone_loads_a_case(example):
    case = CaseSchema().load(example("litigation_notice")["case"])
    assert case["litigation"]["intended_filing_date"] == dt.date(2025, 4, 10)
