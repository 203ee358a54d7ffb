"""Money and rates: exact decimals only, at most 2 (amounts) or 6 (rates) places, never negative."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from schemas import DocumentRequestSchema

PATH = "case.arrears.principal"
INVALID = 'must be a decimal amount such as "12345.67" or a JSON number'


def _with_arrears(example, **raw_json: str):
    """Return the dunning letter with arrears values spliced in as raw JSON text."""
    body = example()
    text = "{" + ", ".join(f'"{k}": {v}' for k, v in raw_json.items()) + "}"
    body["case"]["arrears"].update(json.loads(text, parse_float=Decimal))
    del body["case"]["arrears"]["calculation"]  # it explains the sample's own figures
    return body


def test_json_numbers_add_up_exactly(example, load):
    body = _with_arrears(
        example, principal="0.1", interest="0.2", penalty_interest="0", fees="0", total="0.3"
    )
    arrears = load(body)["case"]["arrears"]
    assert arrears["total"] == Decimal("0.30")
    assert arrears["principal"] + arrears["interest"] == arrears["total"]


def test_total_must_be_the_exact_sum(example, put, errors):
    body = put(example(), "case.arrears.total", "13580.24")
    assert errors(body) == {
        "case.arrears.total": ["expected 13580.23 = principal + interest + penalty_interest + fees"]
    }


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("1e5", "must be written without an exponent"),
        ("1E+5", "must be written without an exponent"),
        ("12.345", "must have at most 2 decimal places"),
        ("-1", "must not be negative"),
        ("-0.01", "must not be negative"),
        ("true", INVALID),
        ("false", INVALID),
        ("null", "Field may not be null."),
        ("[1]", INVALID),
    ],
)
def test_json_number_amounts(example, errors, raw, message):
    assert errors(_with_arrears(example, principal=raw)) == {PATH: [message]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1e5", "must be written without an exponent"),
        ("12.345", "must have at most 2 decimal places"),
        ("12.340", "must have at most 2 decimal places"),
        ("-5.00", "must not be negative"),
        ("-0", "must not be negative"),
        ("NaN", INVALID),
        ("Infinity", INVALID),
        (" 12.00", INVALID),
        ("12.00 ", INVALID),
        ("12.", INVALID),
        (".5", INVALID),
        ("1,234.00", INVALID),
        ("１２.００", INVALID),
        ("", INVALID),
        ("¥12.00", INVALID),
    ],
)
def test_string_amounts(example, put, errors, value, message):
    assert errors(put(example(), PATH, value)) == {PATH: [message]}


@pytest.mark.parametrize(("value", "loaded"), [("12", "12.00"), ("12.3", "12.30"), (0, "0.00")])
def test_valid_amounts_load_with_two_places(example, put, load, value, loaded):
    body = put(example(), "case.loan.principal", "1.00")
    put(body, "case.arrears.fees", value)
    put(body, "case.arrears.total", str(Decimal("13580.23") + Decimal(loaded)))
    assert str(load(body)["case"]["arrears"]["fees"]) == loaded


def test_binary_floats_are_refused(example, put, errors):
    assert errors(put(example(), PATH, 12345.67)) == {
        PATH: ["must be a decimal string or an exact JSON number, not a binary float"]
    }


def test_amounts_are_capped(example, put, errors):
    body = put(example(), "case.loan.principal", "1000000000000.00")
    assert errors(body) == {"case.loan.principal": ["must be at most 999999999999.99"]}


@pytest.mark.parametrize(
    ("path", "document_type"),
    [
        ("case.loan.principal", "dunning_letter"),
        ("case.agreement.installments.1.amount", "repayment_agreement"),
    ],
)
def test_some_amounts_must_be_positive(example, put, errors, path, document_type):
    assert errors(put(example(document_type), path, "0.00"))[path] == ["must be greater than 0"]


@pytest.mark.parametrize("value", ["0.1440", "0", "1", "0.123456", Decimal("0.2160"), 0])
def test_rates_in_range_load_as_decimal_fractions(example, put, load, value):
    loaded = load(put(example(), "case.loan.annual_interest_rate", value))
    assert loaded["case"]["loan"]["annual_interest_rate"] == Decimal(value)


RANGE = "must be between 0 and 1 (a fraction, not a percentage)"
RATE_INVALID = 'must be an annual rate as a fraction such as "0.1440"'
RATE = "case.loan.annual_interest_rate"
OVERDUE_RATE = "case.loan.overdue_annual_rate"


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (RATE, "14.4", RANGE),
        (RATE, "-0.01", RANGE),
        (OVERDUE_RATE, 2, RANGE),
        (RATE, "0.1234567", "must have at most 6 decimal places"),
        (RATE, "14.4%", RATE_INVALID),
        (OVERDUE_RATE, True, RATE_INVALID),
        (OVERDUE_RATE, "1e-1", "must be written without an exponent"),
    ],
)
def test_rates_out_of_range_or_shape(example, put, errors, path, value, message):
    assert errors(put(example(), path, value)) == {path: [message]}


def test_only_cny_for_now(example, put, errors):
    assert errors(put(example(), "case.loan.currency", "USD")) == {
        "case.loan.currency": ["only CNY is supported for now"]
    }


def test_schema_needs_no_float_parsing():
    # A JSON body parsed without parse_float=Decimal would carry floats; the schema refuses them.
    body = {"document_type": "dunning_letter", "case": {"arrears": {"principal": 1.5}}}
    messages = DocumentRequestSchema().validate(body)
    assert "float" in messages["case"]["arrears"]["principal"][0]
