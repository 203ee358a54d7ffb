"""The one string rule set: bounded, not blank, not padded, no control or bidi characters."""

from __future__ import annotations

import pytest

TOO_LONG = "must be at most {} characters"


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("case.creditor.name", 100),
        ("case.debtor.name", 100),
        ("case.contact.name", 100),
        ("case.repayment.account.bank", 100),
        ("case.creditor.address", 200),
        ("case.debtor.address", 200),
        ("case.repayment.channels.0", 500),
        ("case.letter_number", 64),
        ("case.loan.contract_number", 64),
        ("case.contact.hours", 100),
    ],
)
def test_strings_are_bounded(example, put, errors, path, limit):
    put(example(), path, "借" * limit)
    body = put(example(), path, "借" * (limit + 1))
    assert errors(body) == {path: [TOO_LONG.format(limit)]}


def test_ten_thousand_characters_are_refused(example, put, errors):
    body = put(example(), "case.debtor.name", "张" * 10_000)
    assert errors(body) == {"case.debtor.name": [TOO_LONG.format(100)]}


@pytest.mark.parametrize("value", ["", " ", "\u3000\u3000"])
def test_blank_strings_are_refused(example, put, errors, value):
    assert errors(put(example(), "case.debtor.name", value)) == {
        "case.debtor.name": ["must not be blank"]
    }


@pytest.mark.parametrize("value", [" 张三", "张三 ", "张三\u3000"])
def test_padded_strings_are_refused_not_stripped(example, put, errors, value):
    assert errors(put(example(), "case.debtor.name", value)) == {
        "case.debtor.name": ["must not start or end with whitespace"]
    }


@pytest.mark.parametrize(
    "char",
    [
        *("\u202a", "\u202b", "\u202c", "\u202d", "\u202e"),  # embeddings and overrides
        *("\u2066", "\u2067", "\u2068", "\u2069"),  # isolates
        *("\u200e", "\u200f", "\u061c"),  # marks
    ],
)
def test_bidi_controls_are_refused(example, put, errors, char):
    body = put(example(), "case.repayment.account.name", f"北京{char}示例")
    assert errors(body) == {"case.repayment.account.name": ["contains control characters"]}


@pytest.mark.parametrize("char", ["\n", "\r", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u2028"])
def test_control_characters_are_refused(example, put, errors, char):
    body = put(example(), "case.contact.hours", f"工作日{char}9:00–18:00")
    assert errors(body) == {"case.contact.hours": ["contains control characters"]}


def test_lone_surrogates_are_refused(example, put, errors):
    body = put(example(), "case.debtor.address", "北京\ud800市")
    assert errors(body) == {
        "case.debtor.address": ["contains invalid characters (unpaired surrogates)"]
    }


@pytest.mark.parametrize(
    ("char", "code_point"),
    [("\u200d", "U+200D"), ("\ufeff", "U+FEFF"), ("\u00ad", "U+00AD"), ("\U000e0041", "U+E0041")],
)
def test_invisible_characters_are_refused(example, put, errors, char, code_point):
    # a joiner between emoji included: it prints nothing of its own, and two names would print alike
    body = put(example(), "case.debtor.name", f"张{char}三")
    assert errors(body) == {
        "case.debtor.name": [f"contains the invisible or undrawable character {code_point}"]
    }


def test_ordinary_unicode_is_kept(example, put, load):
    name = "R&D <Ltd> {{7*7}} 👨👩👧 ﹙股份﹚"
    assert load(put(example(), "case.debtor.name", name))["case"]["debtor"]["name"] == name


@pytest.mark.parametrize("value", [123, True, ["张三"], {"zh": "张三"}])
def test_non_strings_are_refused(example, put, errors, value):
    assert errors(put(example(), "case.debtor.name", value)) == {
        "case.debtor.name": ["Not a valid string."]
    }


@pytest.mark.parametrize("value", ["C-2025-000123", "a", "A.b_c-9", "x" * 64, "...", ".a"])
def test_case_id_accepts_its_alphabet(example, put, load, value):
    assert load(put(example(), "case.case_id", value))["case"]["case_id"] == value


@pytest.mark.parametrize("value", ["C 2025", "C/2025", "案件1", "C-2025\uff10", "C+1", ".", ".."])
def test_case_id_refuses_other_characters(example, put, errors, value):
    assert errors(put(example(), "case.case_id", value)) == {
        "case.case_id": ["must be 1 to 64 characters of A-Z a-z 0-9 . _ -, other than . and .."]
    }


def test_case_id_is_at_most_64(example, put, errors):
    assert errors(put(example(), "case.case_id", "x" * 65)) == {
        "case.case_id": [TOO_LONG.format(64)]
    }


@pytest.mark.parametrize("path", ["case.creditor.phone", "case.debtor.phone", "case.contact.phone"])
@pytest.mark.parametrize("value", ["电话", "call me", "+86 (10) 6500-123x", "+-()"])
def test_phone_numbers_are_digits_and_punctuation(example, put, errors, path, value):
    assert errors(put(example(), path, value)) == {
        path: ["must be a phone number of digits, spaces and + - ( )"]
    }


def test_phone_numbers_are_bounded(example, put, load, errors):
    load(put(example(), "case.contact.phone", "+86 (10) 6500-1234"))
    body = put(example(), "case.contact.phone", "1" * 33)
    assert errors(body) == {"case.contact.phone": [TOO_LONG.format(32)]}


@pytest.mark.parametrize("value", ["6222 0200 ABCD", "1100--1234", "-1100", "账号1100"])
def test_account_numbers_are_digit_groups(example, put, errors, value):
    assert errors(put(example(), "case.repayment.account.number", value)) == {
        "case.repayment.account.number": ["must be an account number of digits, spaces and hyphens"]
    }


def test_account_numbers_are_bounded(example, put, errors):
    body = put(example(), "case.repayment.account.number", "1" * 41)
    assert errors(body) == {"case.repayment.account.number": [TOO_LONG.format(40)]}


@pytest.mark.parametrize("path", ["case.creditor.email", "case.debtor.email"])
def test_emails_are_checked(example, put, load, errors, path):
    load(put(example(), path, "zhang.san@example.cn"))
    assert errors(put(example(), path, "zhang.san@")) == {path: ["Not a valid email address."]}
