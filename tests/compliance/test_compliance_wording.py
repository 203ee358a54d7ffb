"""Forbidden wording: caught through evasions, in every checked field, but not in innocent text."""

from __future__ import annotations

import pytest

from doc_service.compliance import CHECKED_FIELDS, check


def _wording(example_case, policy, field_setter, document_type="dunning_letter", locale="en"):
    case = example_case(document_type)
    field_setter(case)
    violations = check(case, document_type, policy, prior_documents=None, locale=locale)
    return [v for v in violations if v.rule.startswith("forbidden_wording.")]


def _channel(text):
    def setter(case):
        case["repayment"]["channels"][1] = text

    return setter


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("逾期不还将被逮捕", "criminal_threat"),
        ("逾期不还将被逮 捕", "criminal_threat"),
        ("逾期不还将被逮.捕", "criminal_threat"),
        ("逾期不还将被逮*捕", "criminal_threat"),
        ("逾期不还将被逮\u200b捕", "criminal_threat"),
        ("逾期將被逮捕並追究刑事責任", "criminal_threat"),
        ("You will be ARREST ed", "criminal_threat"),
        ("ＡＲＲＥＳＴ", "criminal_threat"),
        ("a r r e s t", "criminal_threat"),
        ("a-r-r-e-s-t", "criminal_threat"),
        ("You face J.A.I.L", "criminal_threat"),
        ("The Police Will visit", "criminal_threat"),
        ("我们将联系你的家人", "third_party_contact"),
        ("我們將聯繫您的家人", "third_party_contact"),
        ("已告知单位领导及通讯录好友", "third_party_contact"),
        ("We will contact your Employer", "third_party_contact"),
        ("本院将依法强制执行", "impersonation"),
        ("请按法院传票到庭", "impersonation"),
        ("警方已介入", "impersonation"),
        ("否则送你进jail", "criminal_threat"),  # Latin word right after CJK
        ("This is a Court Summons", "impersonation"),
        ("你这个老赖", "insult"),
        ("你这个老 赖", "insult"),
        ("You DEADBEAT", "insult"),
        ("s.c.u.m", "insult"),
        ("将在网上曝光你的信息", "publication"),
        ("we will NAME AND SHAME you", "publication"),
        ("否则后果自负", "violence_threat"),
    ],
)
def test_evasions_are_caught(example_case, policy, text, category):
    violations = _wording(example_case, policy, _channel(text))
    assert f"forbidden_wording.{category}" in [v.rule for v in violations]
    assert {v.path for v in violations} == {"case.repayment.channels.1"}


@pytest.mark.parametrize(
    "text",
    [
        "Arrester Street 12",
        "Jailani Road",
        "a familiar face",
        "Muscum Lane",
        "Prisonvale Avenue",  # a street, not "prison": the word goes on
        "逾期信息将依法报送征信系统",
        "如有异议可向中国人民银行征信中心申请更正",
        "拨打客服电话400-800-1234",
        "北京市公安局家属院3号楼",
        "请于工作时间联系贷后管理部",
        "判令被告就共同事项承担连带责任",
    ],
)
def test_innocent_text_passes(example_case, policy, text):
    assert _wording(example_case, policy, _channel(text)) == []


def test_litigation_notice_may_name_the_intended_court(example_case, policy):
    def setter(case):
        case["litigation"]["court"] = "北京市朝阳区人民法院"
        case["litigation"]["claims"].append("请求北京互联网法院依法判令被告偿还欠款")

    assert _wording(example_case, policy, setter, "litigation_notice") == []


def test_agreement_may_name_a_court_forum_and_mediator(example_case, policy):
    def setter(case):
        case["agreement"]["mediator"]["organization"] = "北京市朝阳区人民法院诉前调解中心"

    assert _wording(example_case, policy, setter, "repayment_agreement") == []


@pytest.mark.parametrize(
    ("document_type", "section", "key", "path"),
    [
        ("dunning_letter", "creditor", "name", "case.creditor.name"),
        ("dunning_letter", "creditor", "address", "case.creditor.address"),
        ("dunning_letter", "debtor", "name", "case.debtor.name"),
        ("dunning_letter", "debtor", "address", "case.debtor.address"),
        ("dunning_letter", "contact", "name", "case.contact.name"),
        ("lawyer_letter", "law_firm", "name", "case.law_firm.name"),
        ("lawyer_letter", "law_firm", "address", "case.law_firm.address"),
        ("litigation_notice", "litigation", "court", "case.litigation.court"),
        ("repayment_agreement", "agreement", "forum", "case.agreement.forum"),
    ],
)
def test_every_checked_field_is_walked(example_case, policy, document_type, section, key, path):
    def setter(case):
        case[section][key] = case[section][key] + "（骗子）"

    [violation] = _wording(example_case, policy, setter, document_type)
    assert (violation.rule, violation.path) == ("forbidden_wording.insult", path)


@pytest.mark.parametrize(
    ("setter", "path"),
    [
        (lambda c: c.update(letter_number="坐牢字第1号"), "case.letter_number"),
        (
            lambda c: c["repayment"]["account"].update(bank="警方指定银行"),
            "case.repayment.account.bank",
        ),
        (
            lambda c: c["litigation"]["claims"].insert(0, "追究被告刑事责任"),
            "case.litigation.claims.0",
        ),
        (
            lambda c: c["agreement"]["mediator"].update(name="王法官"),
            "case.agreement.mediator.name",
        ),
        (
            lambda c: c["agreement"].update(guarantor={"name": "李四", "address": "曝光墙"}),
            "case.agreement.guarantor.address",
        ),
        (
            lambda c: c["law_firm"]["lawyers"][1].update(name="无赖律师"),
            "case.law_firm.lawyers.1.name",
        ),
    ],
)
def test_nested_and_listed_fields_are_walked(example_case, policy, setter, path):
    document_type = {
        "case.litigation.claims.0": "litigation_notice",
        "case.agreement.mediator.name": "repayment_agreement",
        "case.agreement.guarantor.address": "repayment_agreement",
        "case.law_firm.lawyers.1.name": "lawyer_letter",
    }.get(path, "dunning_letter")
    violations = _wording(example_case, policy, setter, document_type)
    assert [v.path for v in violations] == [path]


def test_one_violation_per_field_and_category_naming_the_phrases(example_case, policy):
    violations = _wording(
        example_case, policy, _channel("不还就逮捕你、让你坐牢，老赖"), locale="zh-CN"
    )
    assert [v.rule for v in violations] == [
        "forbidden_wording.criminal_threat",
        "forbidden_wording.insult",
    ]
    assert violations[0].message == "以逮捕、拘留或刑事责任威胁民事债务人（命中“逮捕”、“坐牢”）"


def test_english_message_names_category_and_phrase(example_case, policy):
    [violation] = _wording(example_case, policy, _channel("Pay or go to jail"))
    assert violation.message == (
        "threatens arrest, detention or criminal liability for a civil debt (matched “jail”)"
    )


def test_checked_fields_cover_the_documented_free_text():
    for documented in (
        "creditor.name",
        "creditor.address",
        "debtor.address",
        "repayment.channels.*",
        "repayment.account.bank",
        "contact.name",
        "contact.hours",
        "litigation.claims.*",
        "litigation.court",
        "law_firm.name",
        "law_firm.address",
        "agreement.forum",
        "agreement.mediator.organization",
        "agreement.mediator.name",
        "loan.contract_number",
        "debtor.id_number",
        "agreement.guarantor.address",
        "letter_number",
    ):
        assert documented in CHECKED_FIELDS
