"""Payments go only to the creditor's own account."""

from __future__ import annotations

import pytest

from doc_service.compliance import check


def _payment(example_case, policy, setter, locale="en"):
    case = example_case("dunning_letter")
    setter(case)
    violations = check(case, "dunning_letter", policy, prior_documents=None, locale=locale)
    return [v for v in violations if v.rule == "payment_account"]


@pytest.mark.parametrize(
    "channel",
    [
        "对公转账至1100 1234 5678 9012 345",  # the creditor's own account, however spaced
        "对公转账至1100-1234-5678-9012-345",
        "客服电话400-800-1234，手机13800138000",  # phones are shorter than an account number
        "附言注明合同编号XF-2024-0001234，还款日2025-03-21",
    ],
)
def test_own_account_phones_and_references_pass(example_case, policy, channel):
    assert (
        _payment(example_case, policy, lambda c: c["repayment"]["channels"].append(channel)) == []
    )


def test_another_account_number_in_a_channel_fails(example_case, policy):
    def setter(case):
        case["repayment"]["channels"][0] = "转账至6222 0212 3456 7890 123（张经理）"

    [violation] = _payment(example_case, policy, setter)
    assert violation.path == "case.repayment.channels.0"
    assert "6222 0212 3456 7890 123" in violation.message


def test_account_held_by_someone_else_fails(example_case, policy):
    def setter(case):
        case["repayment"]["account"]["name"] = "王芳"

    [violation] = _payment(example_case, policy, setter, locale="zh-CN")
    assert violation.path == "case.repayment.account.name"
    assert violation.message == "还款账户户名“王芳”不是债权人“北京示例消费金融有限公司”"
