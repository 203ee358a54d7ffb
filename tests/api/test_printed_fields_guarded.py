"""Every string the case can carry into a document is checked for forbidden wording.

The fields come from the schemas themselves (schemas.printed), not from the guard's own list: a
field added to the contract and left unchecked makes this test fail.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from schemas.printed import text_fields
from tests.support import load_example

THREATS = {
    "zh": "逾期不还将报警抓人并追究刑事责任",
    "en": "we will have you arrested",
}
SECTION_TYPES = {
    "law_firm": "lawyer_letter",
    "litigation": "litigation_notice",
    "agreement": "repayment_agreement",
}
FIELDS = [path for path, _ in text_fields()]


def full_body(path: str) -> dict[str, Any]:
    """Return an example body of the type that prints `path`, with every optional part filled."""
    body = load_example(SECTION_TYPES.get(path.split(".")[0], "dunning_letter"))
    case = body["case"]
    case["creditor"]["email"] = "legal@example.com"
    case["debtor"]["email"] = "zhang.san@example.com"
    # a fee within the cap: fee names are checked like any other text of the case
    case["loan"]["fees"] = [{"name": "服务费", "amount": "100.00", "charged_on": "2024-03-15"}]
    if "agreement" in case:
        guarantor = copy.deepcopy(case["debtor"])
        guarantor.update(name="李四", id_number="11010519491231002X")
        case["agreement"]["guarantor"] = guarantor
    else:
        # a company co-debtor and a company guarantor: every party field is printed
        company = {**COMPANY, "phone": "021-6000-1234", "email": "legal@company.example"}
        case["co_debtors"] = [copy.deepcopy(company)]
        case["guarantors"] = [{**copy.deepcopy(company), **GUARANTEE}]
    for owner in ("debtor", "agreement.guarantor"):
        if path.startswith(owner) and path.endswith("legal_representative"):
            # only a company names a legal representative
            for party in objects(case, owner):
                party.update(COMPANY, name=party["name"], address=party["address"])
    translate_everything(case)
    return body


COMPANY = {
    "name": "上海示例实业有限公司",
    "id_type": "uscc",
    "id_number": "91310000MA1FL8XQ37",
    "legal_representative": "赵六",
    "address": "上海市浦东新区世纪大道100号20层",
}
GUARANTEE = {"guarantee_type": "general", "guarantee_contract_number": "BZ-2024-0001234-02"}


def translate_everything(case: dict[str, Any]) -> None:
    """Give every translatable key of the case an i18n value (a copy of the original)."""
    for path in FIELDS:
        if "i18n." not in path:
            continue
        owner, rest = path.split("i18n.", 1)
        language, key = rest.split(".")[:2]
        for obj in objects(case, owner.rstrip(".")):
            if key in obj:
                translations = obj.setdefault("i18n", {}).setdefault(language, {})
                translations[key] = copy.deepcopy(obj[key])


def objects(node: Any, path: str) -> list[dict[str, Any]]:
    """Return the objects at a dotted path (`*`: every list item; "": the node itself)."""
    if not path:
        return [node]
    step, _, rest = path.partition(".")
    if step == "*":
        return [found for item in node for found in objects(item, rest)]
    return objects(node[step], rest) if step in node else []


def put(case: dict[str, Any], path: str, value: str) -> None:
    """Set the string at `path` (index 0 for `*`), creating nothing but the last step."""
    node: Any = case
    steps = [0 if step == "*" else step for step in path.split(".")]
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = value


def is_free(path: str) -> bool:
    """Tell whether the schema takes any text at `path` (no pattern, check or vocabulary)."""
    from schemas.case import CaseSchema

    field: Any = CaseSchema()
    for step in path.split("."):
        field = field.inner if step == "*" else _child(field, step)
    return field.pattern is None and not field.validators and path not in FORMATTED


def _child(node: Any, name: str) -> Any:
    schema = node.schema if hasattr(node, "schema") else node
    return schema.declared_fields[name]


ACCOUNT_HOLDER = ("creditor.name", "repayment.account.name")
# Free text fields whose format is checked by a schema-level rule (the ID number by its type).
FORMATTED = {
    "debtor.id_number",
    "agreement.guarantor.id_number",
    "co_debtors.*.id_number",
    "guarantors.*.id_number",
}


@pytest.mark.parametrize("language", list(THREATS))
@pytest.mark.parametrize("path", FIELDS)
def test_a_threat_in_any_printed_field_is_refused(client: Any, path: str, language: str) -> None:
    body = full_body(path)
    put(body["case"], path, THREATS[language])
    if path in ACCOUNT_HOLDER:
        # the account must stay the creditor's own: the name changes in both places
        for other in ACCOUNT_HOLDER:
            put(body["case"], other, THREATS[language])
    response = client.post("/v1/documents", json=body)
    assert response.status_code == 422, (path, response.get_data(as_text=True)[:300])
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    if problem["type"].endswith("/problems/validation"):
        # only a field whose format forbids the phrase may refuse it as invalid input
        assert not is_free(path), (path, problem["errors"])
        assert f"case.{path.replace('*', '0')}" in problem["errors"]
        return
    assert problem["type"].endswith("/problems/compliance")
    paths = {v["path"] for v in problem["violations"] if v["rule"].startswith("forbidden_wording")}
    assert f"case.{path.replace('*', '0')}" in paths, problem["violations"]


@pytest.mark.parametrize("identifier", ["WEWILLHAVEYOUARRESTED", "we-will-have-you-arrested"])
@pytest.mark.parametrize("path", ["debtor.id_number", "loan.contract_number"])
def test_latin_threats_cannot_hide_in_identifiers(client: Any, path: str, identifier: str) -> None:
    body = full_body(path)
    body["case"]["debtor"]["id_type"] = "passport"
    put(body["case"], path, identifier)
    problem = client.post("/v1/documents", json=body).get_json()
    assert problem["type"].endswith("/problems/compliance")
    paths = {v["path"] for v in problem["violations"]}
    assert f"case.{path}" in paths
