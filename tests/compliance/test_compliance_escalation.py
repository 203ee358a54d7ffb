"""Escalation: a litigation notice follows a dunning or lawyer's letter issued on an earlier day."""

from __future__ import annotations

from datetime import date

import pytest

from doc_service.compliance import check, load_policy

NOTICE_DAY = date(2025, 3, 28)


@pytest.mark.parametrize("earlier", ["dunning_letter", "lawyer_letter"])
def test_either_earlier_letter_is_enough(example_case, policy, history, earlier):
    lookup = history((earlier, date(2025, 3, 7)))
    assert (
        check(
            example_case("litigation_notice"), "litigation_notice", policy, prior_documents=lookup
        )
        == []
    )


@pytest.mark.parametrize(
    "documents",
    [
        (),
        (("dunning_letter", NOTICE_DAY),),  # same day does not count
        (("lawyer_letter", date(2025, 4, 1)),),  # later does not count
        (("litigation_notice", date(2025, 3, 1)), ("repayment_agreement", date(2025, 3, 1))),
    ],
)
def test_missing_earlier_letter_fails(example_case, policy, history, documents):
    case = example_case("litigation_notice")
    [violation] = check(case, "litigation_notice", policy, prior_documents=history(*documents))
    assert (violation.rule, violation.path) == ("escalation_order", "document_type")
    assert "dunning letter or lawyer's letter" in violation.message
    assert "C-2025-000123" in violation.message


def test_escalation_message_in_chinese(example_case, policy, history):
    case = example_case("litigation_notice")
    violations = check(case, "litigation_notice", policy, prior_documents=history(), locale="zh")
    assert violations[0].message == (
        "出具起诉通知前须已向案件C-2025-000123出具催收函或律师函，2025年3月28日之前未见记录"
    )


def test_lawyer_letter_needs_nothing_by_default(example_case, policy, history):
    case = example_case("lawyer_letter")
    assert check(case, "lawyer_letter", policy, prior_documents=history()) == []


def test_lawyer_letter_can_require_a_dunning_letter(example_case, history, tmp_path):
    text = (
        load_policy()
        .source.decode()
        .replace(
            "lawyer_letter_requires_dunning_letter: false",
            "lawyer_letter_requires_dunning_letter: true",
        )
    )
    (tmp_path / "strict.yaml").write_text(text, encoding="utf-8")
    strict = load_policy(tmp_path / "strict.yaml")
    case = example_case("lawyer_letter")
    same_day = history(("dunning_letter", date(2025, 3, 7)))
    earlier = history(("dunning_letter", date(2025, 3, 1)))
    assert [v.rule for v in check(case, "lawyer_letter", strict, prior_documents=same_day)] == [
        "escalation_order"
    ]
    assert check(case, "lawyer_letter", strict, prior_documents=earlier) == []


def test_history_is_not_consulted_when_no_rule_needs_it(example_case, policy):
    def lookup(case_id):
        raise AssertionError("not needed for a dunning letter")

    assert (
        check(example_case("dunning_letter"), "dunning_letter", policy, prior_documents=lookup)
        == []
    )
