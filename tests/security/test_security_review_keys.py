"""Findings of the adversarial review about API keys: blank keys, stripped tokens, the scheme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from security_support import SECRETS, api_keys, assert_problem, bearer, secure_app

from doc_service.api.auth import KeyConfigError

WEAK_KEYS = ["", " ", "\u00a0", "\t\n", "short-key", "with space 0123456789", 12345678901234567]


@pytest.mark.parametrize("secret", WEAK_KEYS)
def test_blank_short_or_unsendable_keys_refuse_to_start(tmp_path: Path, secret: Any) -> None:
    keys = {**api_keys(), "weak": {"key": secret, "roles": ["auditor"]}}
    with pytest.raises(KeyConfigError, match="weak"):
        secure_app(tmp_path, API_KEYS=keys)


def test_the_token_is_compared_as_sent(tmp_path: Path) -> None:
    client = secure_app(tmp_path).test_client()
    secret = SECRETS["auditor"]
    for value in (
        "Bearer \u00a0",
        f"Bearer {secret}\u00a0",
        f"Bearer \u00a0{secret}",
        f"Bearer {secret} ",
        f"Bearer {secret}\t",
        f"Bearer{secret}",
    ):
        response = client.get("/v1/audit/chain", headers={"Authorization": value})
        assert_problem(response, 401)


def test_the_scheme_is_case_insensitive(tmp_path: Path) -> None:
    client = secure_app(tmp_path).test_client()
    token = bearer("auditor")["Authorization"].split(" ", 1)[1]
    for scheme in ("Bearer", "bearer", "BEARER", "bEaReR"):
        response = client.get("/v1/audit/chain", headers={"Authorization": f"{scheme} {token}"})
        assert response.status_code == 200, scheme


def test_idempotency_keys_belong_to_the_api_key_that_sent_them(
    tmp_path: Path, example: Any
) -> None:
    keys = {**api_keys(), "other-submitter": {"key": "x" * 32, "roles": ["submitter"]}}
    client = secure_app(tmp_path, API_KEYS=keys).test_client()
    mine = {**bearer("submitter"), "Idempotency-Key": "batch-7/row-1"}
    theirs = {"Authorization": f"Bearer {'x' * 32}", "Idempotency-Key": "batch-7/row-1"}
    first = client.post("/v1/documents", json=example(), headers=mine)
    assert first.status_code == 201
    changed = example()
    changed["case"]["letter_number"] = "另一编号"
    other = client.post("/v1/documents", json=changed, headers=theirs)  # no 409: not their key
    assert other.status_code == 201
    assert other.get_json()["id"] != first.get_json()["id"]
    same_body = client.post("/v1/documents", json=example(), headers=theirs)
    assert same_body.status_code == 409  # their own first use, not mine
    replay = client.post("/v1/documents", json=example(), headers=mine)
    assert (replay.status_code, replay.get_json()["id"]) == (200, first.get_json()["id"])
