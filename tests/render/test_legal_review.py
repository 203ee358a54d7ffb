"""What the signing lawyer checks in every (type, locale) pair, in the PDF's and DOCX's words."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from tests.support import (
    compact,
    document_text,
    load_example,
    pdf_pages,
    render_body,
)

LOCALES = ("zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB")
LETTERS = ("dunning_letter", "lawyer_letter", "litigation_notice")
FORMATS = ("pdf", "docx")
EMAIL = "legal@example.com.cn"
ADDRESS = "北京市朝阳区建国路88号示例大厦12层"

# what each edition must say, in its own words (compared without whitespace)
WORDS: dict[str, dict[str, Any]] = {
    "zh-CN": {
        "already_paid": {
            "creditor": "如您已还款，请忽略本函并与本司核对。",
            "firm": "如您已还款，请忽略本函并与委托人核对。",
        },
        "objection": "收到本函之日起七日内，将书面异议连同相关证据邮寄至",
        "governing_law": None,
        "prevails": None,
        "we": "本司",
        "not": ["我司", "携带相关证据", "7日内"],
        "several_lawyers": "本所律师认为",
        "one_lawyer": "本律师认为",
        "signature": "承办律师：{name}执业证号：{license}签字：",
        "reply": "收到本函之日起七日内与本所承办律师联系",
        "jurisdiction": "编号为XF-2024-0001234的借款合同中的管辖条款约定",
        "claims": [
            "判令您偿还借款本金人民币12,345.67元、利息人民币823.45元、逾期利息人民币564.60元，"
            "合计人民币13,733.72元（暂计至2025年3月28日）",
            "按借款合同约定的逾期年利率21.60%，支付自2025年3月29日起至实际清偿之日止的逾期利息",
        ],
        "costs": "诉讼费用由败诉方负担",
        "financial": "金融借款合同纠纷",
        "microloan": "小额借款合同纠纷",
        "agreement": [
            "还款协议签订地点：北京市朝阳区示例金融纠纷人民调解委员会；签订日期：2025年4月2日",
            "诉讼时效自本协议签订之日起中断",
            "第一百九十五条",
            "还款计划期间甲方不再就本协议确认的欠款另行计收利息",
            "原借款合同项下的债权债务即全部结清",
            "不构成债务更新",
            "第六百九十五条",
            "律师费",
            "本协议一式三份，甲方、乙方各执一份，北京市朝阳区示例金融纠纷人民调解委员会留存一份",
            "均适用中华人民共和国法律",
            "乙方（签字并捺印）：",
        ],
        "guarantor": [
            "本协议一式三份，甲方、乙方、丙方各执一份，每份具有同等法律效力",
            "知悉并书面同意本协议约定的还款金额、还款计划及履行期限的变更",
            "甲方为实现债权而支出的律师费、诉讼费、保全费等实现债权的费用",
            "保证期间为三年，自本协议约定的最后一期还款日（2025年8月15日）起算",
            "丙方（签字并捺印）：",
        ],
    },
    "zh-HK": {
        "already_paid": {
            "creditor": "如閣下已還款，請忽略本函並與本公司核對。",
            "firm": "如閣下已還款，請忽略本函並與委託人核對。",
        },
        "objection": "收到本函之日起七日內，將書面異議連同相關證據郵寄至",
        "governing_law": "本函依據借款合同所選擇適用的中華人民共和國內地法律",
        "prevails": "以簡體中文文本為準",
        "we": "本公司",
        "not": ["本司核", "我司", "7日內"],
        "several_lawyers": "本所律師認為",
        "one_lawyer": "本律師認為",
        "signature": "承辦律師：{name}執業證號：{license}簽字：",
        "reply": "收到本函之日起七日內與本所承辦律師聯絡",
        "jurisdiction": "編號為XF-2024-0001234的借款合同中的管轄條款約定",
        "claims": [
            "判令閣下償還借款本金人民幣12,345.67元、利息人民幣823.45元、逾期利息人民幣564.60元，"
            "合計人民幣13,733.72元（暫計至2025年3月28日）",
            "按借款合同約定的逾期年利率21.60%，支付自2025年3月29日起至實際清償之日止的逾期利息",
        ],
        "costs": "訴訟費用由敗訴方負擔",
        "financial": "金融借款合同糾紛",
        "microloan": "小額借款合同糾紛",
        "agreement": [
            "簽訂地點：北京市朝阳区示例金融纠纷人民调解委员会；簽訂日期：2025年4月2日",
            "訴訟時效自本協議簽訂之日起中斷",
            "第一百九十五條",
            "還款計劃期間甲方不再就本協議確認的欠款另行計收利息",
            "原借款合同項下的債權債務即全部結清",
            "不構成債務更新",
            "第六百九十五條",
            "律師費",
            "本協議一式三份，甲方、乙方各執一份",
            "中華人民共和國內地法律",
            "乙方（簽字並捺印）：",
        ],
        "guarantor": [
            "本協議一式三份，甲方、乙方、丙方各執一份",
            "知悉並書面同意本協議約定的還款金額、還款計劃及履行期限的變更",
            "律師費、訴訟費、保全費等實現債權的費用",
            "保證期間為三年，自本協議約定的最後一期還款日（2025年8月15日）起算",
            "丙方（簽字並捺印）：",
        ],
    },
    "zh-TW": {
        "already_paid": {
            "creditor": "如臺端已還款，請忽略本函並與本公司核對。",
            "firm": "如臺端已還款，請忽略本函並與委託人核對。",
        },
        "objection": "收到本函之日起七日內，將書面異議連同相關證據郵寄至",
        "governing_law": "本函依借款合同所選擇適用之中華人民共和國大陸地區法律",
        "prevails": "以簡體中文文本為準",
        "we": "本公司",
        "not": ["本司核", "我司", "7日內"],
        "several_lawyers": "本所律師認為",
        "one_lawyer": "本律師認為",
        "signature": "承辦律師：{name}執業證號：{license}簽字：",
        "reply": "收到本函之日起七日內與本所承辦律師聯絡",
        "jurisdiction": "編號為XF-2024-0001234的借款合同中的管轄條款約定",
        "claims": [
            "判令臺端償還借款本金人民幣12,345.67元、利息人民幣823.45元、逾期利息人民幣564.60元，"
            "合計人民幣13,733.72元（暫計至2025年3月28日）",
            "按借款合同約定的逾期年利率21.60%，支付自2025年3月29日起至實際清償之日止的逾期利息",
        ],
        "costs": "訴訟費用由敗訴方負擔",
        "financial": "金融借款合同糾紛",
        "microloan": "小額借款合同糾紛",
        "agreement": [
            "簽訂地點：北京市朝阳区示例金融纠纷人民调解委员会；簽訂日期：2025年4月2日",
            "訴訟時效自本協議簽訂之日起中斷",
            "第一百九十五條",
            "還款計劃期間甲方不再就本協議確認的欠款另行計收利息",
            "原借款合同項下的債權債務即全部結清",
            "不構成債務更新",
            "第六百九十五條",
            "律師費",
            "本協議一式三份，甲方、乙方各執一份",
            "中華人民共和國大陸地區法律",
            "乙方（簽字並捺印）：",
        ],
        "guarantor": [
            "本協議一式三份，甲方、乙方、丙方各執一份",
            "知悉並書面同意本協議約定的還款金額、還款計劃及履行期限的變更",
            "律師費、訴訟費、保全費等實現債權的費用",
            "保證期間為三年，自本協議約定的最後一期還款日（2025年8月15日）起算",
            "丙方（簽字並捺印）：",
        ],
    },
}
_ENGLISH: dict[str, Any] = {
    "already_paid": {
        "creditor": "If you have already paid, please disregard this letter and contact us",
        "firm": "If you have already paid, please disregard this letter and contact",
    },
    "objection": "within seven (7) days of",
    "governing_law": "This letter applies the law of the Chinese mainland",
    "prevails": "if it differs from the Chinese text, the Chinese text prevails",
    "we": "us",
    "not": ["by that date", "Yours faithfully"],
    "several_lawyers": "In our opinion",
    "one_lawyer": "In our opinion",
    "reply": "Within seven (7) days of",
    "jurisdiction": "The jurisdiction clause of Loan Contract No. XF-2024-0001234",
    "claims": [
        "principal of RMB 12,345.67, interest of RMB 823.45",
        "RMB 564.60, totalling RMB 13,733.72",
        "at the overdue annual rate of 21.60% agreed in the Loan Contract, from",
        "until the date of actual payment",
    ],
    "costs": "are borne by the",
    "financial": "dispute over a financial loan contract",
    "microloan": "dispute over a small-loan contract",
    "agreement": [
        "Place of signing: 北京市朝阳区示例金融纠纷人民调解委员会; date of signing:",
        "the limitation period of the debt under the Original Loan Contract is interrupted",
        "Article 195",
        "Party A charges no further interest, default interest or fees",
        "is fully settled",
        "it is not a novation",
        "Article 695",
        "lawyer’s fees",
        "This Agreement is made in three (3) counterparts: Party A and Party B each keep one",
        "the law of the Chinese mainland",
        "Party B (signature and fingerprint):",
    ],
    "guarantor": [
        "This Agreement is made in three (3) counterparts:",
        "Party C each keep one; each counterpart has equal legal effect",
        "agrees in writing to the repayment amount, the repayment schedule",
        "the lawyer’s fees, court costs, preservation fees and other costs",
        "The guarantee period is three years from the due date of the last",
        "Party C (signature and fingerprint):",
    ],
}
WORDS["en-US"] = {
    **_ENGLISH,
    "signature": "Lawyer:{name}·PracticeLicenseNo.{license}·Signature:",
    "salutation": ("Dear 张三:", "Sincerely,"),
    "claims": [*_ENGLISH["claims"], "overdue interest of RMB 564.60"],
}
WORDS["en-GB"] = {
    **_ENGLISH,
    "signature": "Lawyer:{name}·PractisingCertificateNo.{license}·Signature:",
    "salutation": ("Dear 张三,", "Yours sincerely,"),
    "claims": [*_ENGLISH["claims"], "default interest of RMB 564.60"],
}


def case_body(document_type: str, locale: str, fmt: str, **changes: Any) -> dict[str, Any]:
    """Return the example of a type in a locale and format, with the creditor's e-mail given."""
    body = copy.deepcopy(load_example(document_type))
    body.update(locale=locale, format=fmt)
    body["case"]["creditor"]["email"] = EMAIL
    for path, value in changes.items():
        node = body["case"]
        *parents, leaf = path.split("__")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return body


# page furniture a sentence may straddle in a PDF: the footer of each page
FOOTER = re.compile(r"第\d+[页頁]共\d+[页頁]|Page\d+of\d+")


def text_of(body: dict[str, Any]) -> str:
    """Return the compact text of the rendered body, without the PDF's page footers."""
    data = render_body(body)
    if body["format"] == "pdf":
        # a list's bullets are painted last on their page: they may fall inside a sentence
        return "".join(FOOTER.sub("", compact(page)).replace("•", "") for page in pdf_pages(data))
    return document_text(data, body["format"])


class _Texts(dict[tuple[str, str, str], str]):
    """Compact texts of the examples, each rendered on first use (a worker renders only its own)."""

    def __missing__(self, key: tuple[str, str, str]) -> str:
        kind, locale, fmt = key
        self[key] = text_of(case_body(kind, locale, fmt))
        return self[key]


@pytest.fixture(scope="module")
def texts() -> dict[tuple[str, str, str], str]:
    """Render every example in every locale, as PDF and DOCX, keeping the compact text."""
    return _Texts()


def has(text: str, words: str) -> bool:
    return compact(words) in text


PAIRS = [(kind, locale, fmt) for kind in LETTERS for locale in LOCALES for fmt in FORMATS]


@pytest.mark.parametrize(("kind", "locale", "fmt"), PAIRS)
def test_letters_say_where_objections_go_and_what_to_do_if_paid(
    texts: dict[tuple[str, str, str], str], kind: str, locale: str, fmt: str
) -> None:
    text, words = texts[(kind, locale, fmt)], WORDS[locale]
    assert has(text, ADDRESS) and has(text, EMAIL)
    assert has(text, words["objection"])
    voice = "firm" if kind == "lawyer_letter" else "creditor"
    assert has(text, words["already_paid"][voice])
    for wrong in words["not"]:
        assert not has(text, wrong), wrong
    if kind != "lawyer_letter":
        assert has(text, words["we"])


@pytest.mark.parametrize(("kind", "locale", "fmt"), PAIRS)
def test_other_editions_state_the_governing_law_once(
    texts: dict[tuple[str, str, str], str], kind: str, locale: str, fmt: str
) -> None:
    text, statement = texts[(kind, locale, fmt)], WORDS[locale]["governing_law"]
    if statement is None:
        assert "内地法律" not in text and "Chinesemainland" not in text
    else:
        assert text.count(compact(statement)) == 1


@pytest.mark.parametrize(("kind", "fmt"), [(k, f) for k in LETTERS for f in FORMATS])
@pytest.mark.parametrize("locale", ["en-US", "en-GB"])
def test_english_salutation_matches_the_valediction(
    texts: dict[tuple[str, str, str], str], kind: str, locale: str, fmt: str
) -> None:
    greeting, valediction = WORDS[locale]["salutation"]
    text = texts[(kind, locale, fmt)]
    assert has(text, greeting) and has(text, valediction)
    assert text.index(compact(greeting)) < text.index(compact(valediction))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_lawyer_letter_has_a_signature_line_per_lawyer(
    texts: dict[tuple[str, str, str], str], locale: str, fmt: str
) -> None:
    text, words = texts[("lawyer_letter", locale, fmt)], WORDS[locale]
    for name, license_number in (("陈律", "11101201810123456"), ("刘法", "11101201910654321")):
        assert has(text, words["signature"].format(name=name, license=license_number))
    assert has(text, words["several_lawyers"])
    assert has(text, words["reply"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", ["zh-CN", "zh-HK", "zh-TW"])
def test_a_lone_lawyer_speaks_for_himself(locale: str, fmt: str) -> None:
    lawyers = [{"name": "陈律", "license_number": "11101201810123456"}]
    text = text_of(case_body("lawyer_letter", locale, fmt, law_firm__lawyers=lawyers))
    assert has(text, WORDS[locale]["one_lawyer"])
    assert not has(text, WORDS[locale]["several_lawyers"])


ENGLISH_REASON = (
    "The period for a written objection (seven (7) days) differs from the period for your reply"
    " (ten (10) days)"
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_a_reply_period_unlike_the_objection_period_is_explained(locale: str, fmt: str) -> None:
    text = text_of(case_body("lawyer_letter", locale, fmt, law_firm__reply_days=10))
    reason = {
        "zh-CN": "书面异议期限（七日）与前述答复期限（十日）不同",
        "zh-HK": "書面異議期限（七日）與前述答覆期限（十日）不同",
        "zh-TW": "書面異議期限（七日）與前述答覆期限（十日）不同",
        "en-US": ENGLISH_REASON,
        "en-GB": ENGLISH_REASON,
    }
    assert has(text, reason[locale])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_litigation_notice_cites_the_clause_and_quantifies_the_claims(
    texts: dict[tuple[str, str, str], str], locale: str, fmt: str
) -> None:
    text, words = texts[("litigation_notice", locale, fmt)], WORDS[locale]
    assert has(text, words["jurisdiction"])
    for claim in words["claims"]:
        assert has(text, claim), claim
    assert text.count(compact(words["costs"])) == 1
    assert has(text, words["financial"]) and not has(text, words["microloan"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_a_microlender_sues_on_a_small_loan_contract(locale: str, fmt: str) -> None:
    name = "北京示例小额贷款有限公司"
    body = case_body("litigation_notice", locale, fmt, creditor__name=name)
    body["case"]["repayment"]["account"]["name"] = name
    text = text_of(body)
    assert has(text, WORDS[locale]["microloan"])
    assert not has(text, WORDS[locale]["financial"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_agreement_carries_the_clauses_a_lawyer_adds(
    texts: dict[tuple[str, str, str], str], locale: str, fmt: str
) -> None:
    text, words = texts[("repayment_agreement", locale, fmt)], WORDS[locale]
    for clause in words["agreement"]:
        assert has(text, clause), clause
    if words["prevails"]:
        assert has(text, words["prevails"])


GUARANTOR = {
    "name": "李四",
    "id_type": "resident_id",
    "id_number": "110101199003077571",
    "address": "北京市西城区金融大街2号",
    "phone": "13900139000",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("locale", LOCALES)
def test_guarantor_consents_for_three_years_including_lawyers_fees(locale: str, fmt: str) -> None:
    body = case_body("repayment_agreement", locale, fmt, agreement__guarantor=GUARANTOR)
    del body["case"]["agreement"]["mediator"]
    text = text_of(body)
    for clause in WORDS[locale]["guarantor"]:
        assert has(text, clause), clause


@pytest.mark.parametrize("fmt", FORMATS)
def test_taiwan_capitals_write_three_as_can(
    texts: dict[tuple[str, str, str], str], fmt: str
) -> None:
    assert has(texts[("dunning_letter", "zh-TW", fmt)], "壹萬參仟伍佰捌拾元貳角參分")
    assert has(texts[("dunning_letter", "zh-HK", fmt)], "壹萬叁仟伍佰捌拾元貳角叁分")
