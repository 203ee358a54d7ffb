"""What a debtor reads: names, masked IDs, amounts in figures and capitals, dates, accounts."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from tests.support import (
    DOCUMENT_TYPES,
    compact,
    document_text,
    docx_text,
    pdf_pages,
    render_body,
)

FORMATS = ("pdf", "docx", "html")


@pytest.fixture(scope="module")
def rendered(shared_app: Any, examples: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Render every example once per format (as a specimen) and keep its compact text."""
    texts = {}
    with shared_app.test_client() as client:
        for document_type in DOCUMENT_TYPES:
            for fmt in FORMATS:
                body = {**examples[document_type], "format": fmt}
                response = client.post("/v1/previews", json=body)
                assert response.status_code == 200, response.get_data(as_text=True)[:1000]
                texts[(document_type, fmt)] = document_text(response.data, fmt)
    return texts


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_document_names_the_debtor_contract_account_and_total(
    rendered: dict[tuple[str, str], str], examples: dict[str, Any], document_type: str, fmt: str
) -> None:
    text = rendered[(document_type, fmt)]
    case = examples[document_type]["case"]
    assert "张三" in text
    assert "XF-2024-0001234" in text
    assert compact("1100 1234 5678 9012 345") in text
    assert compact(case["creditor"]["name"]) in text
    total = case["arrears"]["total"]
    figure = f"{int(total.split('.')[0]):,}.{total.split('.')[1]}"
    assert figure in text, f"{figure} missing"


CAPITALS = {
    "dunning_letter": "壹万叁仟伍佰捌拾元贰角叁分",
    "lawyer_letter": "壹万叁仟伍佰捌拾元贰角叁分",
    "litigation_notice": "壹万叁仟柒佰叁拾叁元柒角贰分",
    "repayment_agreement": "壹万叁仟柒佰陆拾壹元伍角",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_total_appears_in_capitals_beside_the_figure(
    rendered: dict[tuple[str, str], str], document_type: str, fmt: str
) -> None:
    assert f"（大写：{CAPITALS[document_type]}）" in rendered[(document_type, fmt)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("document_type", ["dunning_letter", "lawyer_letter", "litigation_notice"])
def test_letters_mask_the_id_number(
    rendered: dict[tuple[str, str], str], document_type: str, fmt: str
) -> None:
    text = rendered[(document_type, fmt)]
    assert "110105********5418" in text
    assert "110105198503075418" not in text
    assert "13800138000" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_agreement_shows_the_full_id_and_every_instalment(
    rendered: dict[tuple[str, str], str], examples: dict[str, Any], fmt: str
) -> None:
    text = rendered[("repayment_agreement", fmt)]
    assert "110105198503075418" in text
    for due, amount in (
        ("2025年4月15日", "3,169.12"),
        ("2025年5月15日", "2,500.00"),
        ("2025年6月15日", "2,500.00"),
        ("2025年7月15日", "2,500.00"),
        ("2025年8月15日", "2,500.00"),
    ):
        assert due in text
        assert amount in text
    assert "壹万叁仟壹佰陆拾玖元壹角贰分" in text  # the agreed total, 13169.12


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("document_type", ["dunning_letter", "lawyer_letter"])
def test_deadline_is_written_in_full_without_zero_padding(
    rendered: dict[tuple[str, str], str], document_type: str, fmt: str
) -> None:
    assert "2025年3月21日" in rendered[(document_type, fmt)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_lawyer_letter_names_the_firm_and_every_licence(
    rendered: dict[tuple[str, str], str], fmt: str
) -> None:
    text = rendered[("lawyer_letter", fmt)]
    assert "北京示例律师事务所" in text
    assert "11101201810123456" in text
    assert "11101201910654321" in text
    assert "陈律" in text and "刘法" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_litigation_notice_is_not_a_court_paper(
    rendered: dict[tuple[str, str], str], fmt: str
) -> None:
    text = rendered[("litigation_notice", fmt)]
    assert "北京市朝阳区人民法院" in text
    assert "传票" not in text
    # the example's own claims name no sum: the notice makes the template's quantified claims
    assert "判令被告偿还借款本金及利息、逾期利息" not in text
    assert "判令您偿还借款本金人民币12,345.67元" in text


@pytest.mark.parametrize("document_type", DOCUMENT_TYPES)
def test_every_pdf_page_is_numbered_and_marked_as_a_specimen(
    client: Any, examples: dict[str, Any], document_type: str
) -> None:
    response = client.post("/v1/previews", json={**examples[document_type], "format": "pdf"})
    pages = pdf_pages(response.data)
    for number, page in enumerate(pages, start=1):
        assert "SPECIMEN" in page
        assert compact(f"第 {number} 页 共 {len(pages)} 页") in compact(page)


def test_docx_specimen_is_a_diagonal_watermark_on_every_page(
    client: Any, examples: dict[str, Any]
) -> None:
    """The mark is Word's watermark shape in the header (every page), not header text."""
    response = client.post("/v1/previews", json={**examples["dunning_letter"], "format": "docx"})
    document = docx.Document(io.BytesIO(response.data))
    for section in document.sections:
        header = section.header._element
        shapes = header.findall(".//" + qn("w:pict") + "/{urn:schemas-microsoft-com:vml}shape")
        assert len(shapes) == 1
        assert "rotation:325" in shapes[0].get("style")
        path = shapes[0].find("{urn:schemas-microsoft-com:vml}textpath")
        assert path.get("string") == "样稿 SPECIMEN"
        assert all(not p.text.strip() for p in section.header.paragraphs)
    assert "样稿" not in docx_text(response.data)


def test_issued_docx_carries_no_watermark(examples: dict[str, Any]) -> None:
    issued = render_body({**examples["dunning_letter"], "format": "docx"})
    assert "textpath" not in _header_xml(issued)
    assert "SPECIMEN" not in _header_xml(issued)


def _header_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/header")
        )


@pytest.mark.parametrize(
    ("parts", "total", "capitals"),
    [
        (("10000.00", "0.05", "0.00", "0.00"), "10000.05", "壹万元零伍分"),
        (("1000000.00", "0.00", "0.00", "0.00"), "1000000.00", "壹佰万元整"),
        (("0.00", "0.50", "0.00", "0.00"), "0.50", "伍角"),
    ],
)
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_capitals_at_the_edges(
    client: Any, example: Any, parts: tuple[str, ...], total: str, capitals: str, fmt: str
) -> None:
    body = {**example(), "format": fmt}
    arrears = body["case"]["arrears"]
    for key, value in zip(
        ("principal", "interest", "penalty_interest", "fees"), parts, strict=True
    ):
        arrears[key] = value
    arrears["total"] = total
    del arrears["calculation"]  # it explains the sample's own figures
    response = client.post("/v1/previews", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert f"（大写：{capitals}）" in document_text(response.data, fmt)
