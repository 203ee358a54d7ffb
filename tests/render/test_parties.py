"""Joint borrowers and guarantors are named, addressed and bound in every document and edition.

The example payloads (templates/legal/<type>/examples/joint.json) name a debtor, a co-debtor, a
joint and several guarantor who is a person and a general guarantor that is a company. Letters
mask each ID and tell each guarantor what its guarantee means; the agreement shows full IDs, a
block and a signature line for each party, and a seal's room for a company.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from schemas.catalogue import DOCUMENT_TYPES, LOCALES
from tests.support import compact, document_text, pdf_pages, render_body

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "legal"
LETTERS = [kind for kind in DOCUMENT_TYPES if kind != "repayment_agreement"]
MASKED = {
    "张三": "110105********5418",
    "李四": "310104********0027",
    "王五": "110105********1239",
    "上海示例实业有限公司": "913100********XQ37",
}
FULL = {
    "张三": "110105198503075418",
    "李四": "310104198805120027",
    "王五": "110105199003071239",
    "上海示例实业有限公司": "91310000MA1FL8XQ37",
}
CONTRACTS = ("BZ-2024-0001234-01", "BZ-2024-0001234-02")
REPRESENTATIVE = "赵六"
# what each edition says to a general guarantor: informed, not asked to pay now (民法典 687)
NOT_NOW = {
    "zh-CN": "并非要求贵司立即清偿",
    "zh-HK": "並非要求貴公司立即清償",
    "zh-TW": "並非要求貴公司立即清償",
    "en-GB": "it does not require you to pay now",
    "en-US": "it does not require you to pay now",
}
JOINT = {
    "zh-CN": "对上述全部欠款承担连带清偿责任",
    "zh-HK": "對上述全部欠款承擔連帶清償責任",
    "zh-TW": "對上述全部欠款承擔連帶清償責任",
    "en-GB": "are jointly and severally liable for the whole of the sum outstanding",
    "en-US": "are jointly and severally liable for the whole of the sum outstanding",
}


def joint(document_type: str) -> dict[str, Any]:
    """Return the example request with two debtors and two guarantors of a document type."""
    path = TEMPLATES / document_type / "examples" / "joint.json"
    return json.loads(path.read_text("utf-8"))


def render(body: dict[str, Any], locale: str, fmt: str) -> str:
    return document_text(render_body({**body, "locale": locale, "format": fmt}), fmt)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_example_names_each_party_in_every_edition(
    document_type: str, locale: str, fmt: str
) -> None:
    text = render(joint(document_type), locale, fmt)
    ids = FULL if document_type == "repayment_agreement" else MASKED
    for name, id_number in ids.items():
        assert name in text, (name, text[:400])
        assert id_number in text, id_number
    for number in CONTRACTS:
        assert number in text
    assert REPRESENTATIVE in text
    if document_type != "repayment_agreement":
        assert not any(full in text for full in FULL.values())  # letters mask every ID
        assert compact(JOINT[locale]) in text
        assert compact(NOT_NOW[locale]) in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
def test_the_agreement_gives_each_party_a_block_and_a_signature(locale: str, fmt: str) -> None:
    text = render(joint("repayment_agreement"), locale, fmt)
    if locale == "zh-CN":
        for line in (
            "乙方一（债务人）：张三",
            "乙方二（共同借款人）：李四",
            "丙方一（保证人）：王五",
            "丙方二（保证人）：上海示例实业有限公司",
            "乙方一、乙方二（以下合称“乙方”）",
            "乙方一（签字并捺印）",
            "乙方二（签字并捺印）",
            "丙方一（签字并捺印）",
            "丙方二（盖章）：上海示例实业有限公司",
            "法定代表人：赵六",
            "本协议一式六份，甲方、乙方一、乙方二、丙方一、丙方二各执一份",
            "原保证人的保证责任",
        ):
            assert compact(line) in text, line
    else:
        for line in (
            "Party B1 (Debtor): 张三",
            "Party B2 (Joint Borrower): 李四",
            "Party C1 (Guarantor): 王五",
            "Party C2 (Guarantor): 上海示例实业有限公司",
            "Party B1 (signature and fingerprint)",
            "Party C2 (seal): 上海示例实业有限公司",
            "Legal representative: 赵六",
            "Party A, Party B1, Party B2, Party C1 and Party C2 each keep one",
        ):
            assert compact(line) in text, line


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("document_type", LETTERS)
def test_each_addressee_gets_a_letter_of_their_own(document_type: str, fmt: str) -> None:
    body = joint(document_type)
    body["case"]["options"] = {"addressees": "each"}
    data = render_body({**body, "format": fmt})
    text = document_text(data, fmt)
    title = {"dunning_letter": "催收函", "lawyer_letter": "律师函", "litigation_notice": "告知函"}
    # four letters, each opening with its own addressee only
    heads = ["借款人张三：", "共同借款人李四：", "保证人王五：", "保证人上海示例实业有限公司："]
    positions = [text.find(head) for head in heads]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), positions
    assert text.count(title[document_type]) >= 4
    # a guarantor's own letter tells the loan in the third person and never says "您于…签订"
    guarantor_part = text[positions[2] :]
    assert "张三、李四（以下简称“借款人”）" in guarantor_part
    assert "您于" not in guarantor_part
    # the general guarantor is informed, never asked to pay now; the other is asked to pay
    company_part = text[positions[3] :]
    assert "并非要求贵司立即清偿" in company_part
    assert "请求贵司依照上述保证合同" not in company_part
    assert "请求您依照上述保证合同在保证范围内承担保证责任" in text[positions[2] : positions[3]]
    if fmt == "pdf":
        # each letter starts on a page of its own, title first
        pages = [compact(page) for page in pdf_pages(data)]
        found = [next(i for i, page in enumerate(pages) if head in page) for head in heads]
        assert len(set(found)) == 4
        assert all(title[document_type] in pages[i] for i in found)


def unseen_case(document_type: str) -> dict[str, Any]:
    """Return a case with three debtors, a company guarantor and a foreign guarantor."""
    body = joint(document_type)
    case = body["case"]
    third = copy.deepcopy(case["co_debtors"][0])
    third.update(name="钱七", id_number="440305199208156719", address="深圳市福田区深南大道1号")
    case["co_debtors"].append(third)
    foreign = {
        "name": "John Smith",
        "id_type": "passport",
        "id_number": "GB1234567",
        "address": "10 Downing Street, London SW1A 2AA, United Kingdom",
        "guarantee_type": "joint_and_several",
        "guarantee_contract_number": "BZ-2024-0001234-03",
    }
    case["guarantors"].append(foreign)
    return body


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("locale", ["zh-CN", "en-GB"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_three_debtors_and_a_foreign_guarantor(document_type: str, locale: str, fmt: str) -> None:
    text = render(unseen_case(document_type), locale, fmt)
    for name in ("张三", "李四", "钱七", "王五", "上海示例实业有限公司", "JohnSmith"):
        assert name in text, name
    passport = "GB1234567" if document_type == "repayment_agreement" else "GB*****67"
    assert passport in text
    assert "BZ-2024-0001234-03" in text
    if document_type == "repayment_agreement":
        labels = ("乙方三", "丙方三") if locale == "zh-CN" else ("PartyB3", "PartyC3")
        assert all(label in text for label in labels)
        assert compact("一式八份" if locale == "zh-CN" else "eight (8) counterparts") in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_an_english_reader_gets_each_party_by_registered_and_english_name(
    document_type: str, fmt: str
) -> None:
    body = joint(document_type)
    case = body["case"]
    case["debtor"]["i18n"] = {"en": {"name": "Zhang San"}}
    case["co_debtors"][0]["i18n"] = {"en": {"name": "Li Si", "address": "Room 1201, Shanghai"}}
    case["guarantors"][1]["i18n"] = {
        "en": {"name": "Shanghai Example Industrial Co., Ltd.", "legal_representative": "Zhao Liu"}
    }
    text = render(body, "en-GB", fmt)
    for printed in (
        "张三 (Zhang San)",
        "李四 (Li Si)",
        "上海示例实业有限公司 (Shanghai Example Industrial Co., Ltd.)",
        "赵六 (Zhao Liu)",
    ):
        assert compact(printed) in text, printed


@pytest.mark.parametrize("locale", ["zh-HK", "zh-TW"])
def test_traditional_editions_take_each_partys_zh_hant_name(locale: str) -> None:
    body = joint("dunning_letter")
    body["case"]["guarantors"][1]["i18n"] = {"zh-Hant": {"name": "上海示例實業有限公司"}}
    text = render(body, locale, "pdf")
    assert "保證人上海示例實業有限公司：" in text


def test_a_letter_to_the_debtor_alone_prints_as_before() -> None:
    body = joint("dunning_letter")
    del body["case"]["co_debtors"], body["case"]["guarantors"]
    text = render(body, "zh-CN", "pdf")
    assert text.startswith("催收函编号：示例催字〔2025〕第0312号张三：")
    assert not re.search("借款人张三|致保证人|共同借款人", text)
