"""Contact hours: every stated time inside 08:00–22:00, no ranges past midnight, no "24小时"."""

from __future__ import annotations

import pytest

from doc_service.compliance import check


def _hours_violations(example_case, policy, hours, locale="en"):
    case = example_case("dunning_letter")
    case["contact"]["hours"] = hours
    violations = check(case, "dunning_letter", policy, prior_documents=None, locale=locale)
    assert all(v.path == "case.contact.hours" for v in violations)
    return [v for v in violations if v.rule == "contact_hours"]


@pytest.mark.parametrize(
    "hours",
    [
        "工作日 9:00–18:00",
        "09:00-21:00",
        "8:00至22:00",
        "９：００－２１：３０",  # full-width digits and colon
        "9点至21时30分",
        "上午九点至晚上九点",
        "下午2点至6点",
        "周一至周五 9-18",
        "周1-5，9:00~20:00",
        "9am-10pm",
        "工作日",
        "请在工作时间来电",
        "",
    ],
)
def test_hours_inside_the_window_pass(example_case, policy, hours):
    assert _hours_violations(example_case, policy, hours) == []


@pytest.mark.parametrize(
    ("hours", "bad"),
    [
        ("工作日 7:00–18:00", "07:00"),
        ("9:00-23:00", "23:00"),
        ("08:00-22:30", "22:30"),
        ("７：３０－２０：００", "07:30"),
        ("晚上11点前均可", "23:00"),
        ("早上7点半起", "07:30"),
        ("21时至23时", "23:00"),
        ("9-23", "23:00"),
        ("6am-9pm", "06:00"),
        ("凌晨2点", "02:00"),
        ("9:00-24:00", "24:00"),
    ],
)
def test_a_time_outside_the_window_fails(example_case, policy, hours, bad):
    violations = _hours_violations(example_case, policy, hours)
    assert [v.rule for v in violations] == ["contact_hours"]
    assert f"contact time {bad} is outside 08:00–22:00" == violations[0].message


def test_a_range_past_midnight_fails(example_case, policy):
    [violation] = _hours_violations(example_case, policy, "20:00-9:00")
    assert violation.message == "contact period 20:00–09:00 runs past midnight"


@pytest.mark.parametrize("hours", ["24小时服务", "7×24小时", "全天候", "24/7", "Any time", "隨時"])
def test_round_the_clock_promises_fail(example_case, policy, hours):
    assert _hours_violations(example_case, policy, hours) != []


def test_hours_message_in_chinese(example_case, policy):
    [violation] = _hours_violations(example_case, policy, "工作日 7:00–18:00", locale="zh-CN")
    assert violation.message == "联系时间07:00不在08:00至22:00之间"
