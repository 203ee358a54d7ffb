"""USCC, resident ID, other IDs and lawyers' licence numbers."""

from __future__ import annotations

import pytest
from stdnum.cn import ric


def _ric(first17: str) -> str:
    """Complete 17 digits with their correct MOD 11-2 check digit."""
    return first17 + ric.calc_check_digit(first17 + "0")


def test_uscc_check_character(example, put, errors):
    assert errors(put(example(), "case.creditor.uscc", "91110105MA01ABCD14")) == {
        "case.creditor.uscc": ["check character does not match"]
    }


@pytest.mark.parametrize(
    "value",
    ["91110105ma01abcd13", "91110105-MA01ABCD13", "9111010MA01ABCD13", "91110105MA01ABCDI3"],
)
def test_uscc_shape(example, put, errors, value):
    assert errors(put(example(), "case.creditor.uscc", value)) == {
        "case.creditor.uscc": ["not a valid unified social credit code"]
    }


@pytest.mark.parametrize("path", ["case.debtor.id_number", "case.agreement.guarantor.id_number"])
def test_resident_id_check_digit(example, put, errors, path):
    body = example("repayment_agreement")
    body["case"]["agreement"]["guarantor"] = dict(body["case"]["debtor"])
    assert errors(put(body, path, "110105198503075417")) == {path: ["check digit does not match"]}


def test_resident_id_birth_date(example, put, errors):
    assert errors(put(example(), "case.debtor.id_number", _ric("11010519851307541"))) == {
        "case.debtor.id_number": ["birth date in the resident ID number is not a valid date"]
    }


def test_resident_id_region(example, put, errors):
    assert errors(put(example(), "case.debtor.id_number", _ric("99010519850307541"))) == {
        "case.debtor.id_number": ["region code in the resident ID number is not known"]
    }


@pytest.mark.parametrize(
    "value", ["11010519850307541x", "1101051985030754", "110105 198503075418", "E12345678"]
)
def test_resident_id_shape(example, put, errors, value):
    assert errors(put(example(), "case.debtor.id_number", value)) == {
        "case.debtor.id_number": [
            "not a valid resident ID number (18 characters: 17 digits, then a digit or X)"
        ]
    }


def test_resident_id_with_x_check(example, put, load):
    number = next(
        n for n in (_ric(f"11010519850307{i:03d}") for i in range(1000)) if n.endswith("X")
    )
    assert (
        load(put(example(), "case.debtor.id_number", number))["case"]["debtor"]["id_number"]
        == number
    )


@pytest.mark.parametrize(
    ("id_type", "number"),
    [
        ("passport", "E12345678"),
        ("hk_macau_permit", "C01234567"),
        ("taiwan_permit", "12345678"),
        ("other", "X-1"),
    ],
)
def test_other_ids_accept_letters_digits_hyphens(example, put, load, id_type, number):
    body = put(example(), "case.debtor.id_type", id_type)
    assert load(put(body, "case.debtor.id_number", number))["case"]["debtor"]["id_type"] == id_type


@pytest.mark.parametrize("number", ["E 1234", "E1234/5", "护照123", "E" * 33])
def test_other_ids_refuse_the_rest(example, put, errors, number):
    body = put(example(), "case.debtor.id_type", "passport")
    message = "must be 1 to 32 letters, digits or hyphens"
    if len(number) > 32:
        message = "must be at most 32 characters"
    assert errors(put(body, "case.debtor.id_number", number)) == {
        "case.debtor.id_number": [message]
    }


def test_id_type_is_a_choice(example, put, errors):
    assert errors(put(example(), "case.debtor.id_type", "driving_licence")) == {
        "case.debtor.id_type": [
            "must be one of: resident_id, passport, hk_macau_permit, taiwan_permit, other, uscc"
        ]
    }


def test_guarantor_follows_debtor_rules(example, load, errors):
    body = example("repayment_agreement")
    guarantor = {"name": "李四", "id_type": "resident_id", "id_number": _ric("11010519900101123")}
    body["case"]["agreement"]["guarantor"] = {
        **guarantor,
        "address": "北京市",
        "phone": "13900139000",
    }
    assert load(body)["case"]["agreement"]["guarantor"]["name"] == "李四"
    del body["case"]["agreement"]["guarantor"]["address"]
    assert errors(body) == {
        "case.agreement.guarantor.address": ["Missing data for required field."]
    }


@pytest.mark.parametrize("number", ["1110120181012345", "111012018101234567", "1110120181012345A"])
def test_lawyer_licence_is_17_digits(example, put, errors, number):
    path = "case.law_firm.lawyers.0.license_number"
    assert errors(put(example("lawyer_letter"), path, number)) == {
        path: ["must be exactly 17 digits"]
    }
