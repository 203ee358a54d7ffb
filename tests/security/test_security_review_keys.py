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
