"""Schemathesis against /openapi.json through the WSGI app: no 5xx, answers as documented.

Both directions of the contract: data the description calls invalid is refused, and data it
calls valid is accepted, unless it breaks one of the rules the DocumentRequest description lists
beyond JSON Schema (sums, date order, check characters). One key holds every role, so a 403
never hides a refusal. Bounded: a few examples per operation (fewer for the bodies that carry a
whole case) and no shrinking, so the whole run stays near a minute of CPU.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from security_support import make_app

from schemas.rules import CHECKED_FIELDS, is_rule

FUZZ_SECRET = "test-fuzz-every-role-0123456789"
HEADERS = {"Authorization": f"Bearer {FUZZ_SECRET}"}
# what a valid request may still meet: an unknown id or a state it cannot change
ACCEPTED = {401, 403, 404, 409, 429}
MAX_EXAMPLES = 12
CASE_EXAMPLES = 5


def refusal_of_valid_data(status: int, body: bytes, *, opaque_body: bool = False) -> str | None:
    """Say why an answer to schema-valid data is a refusal the description did not announce.

    `opaque_body`: a body JSON Schema cannot look into (NDJSON lines), checked item by item.
    """
    if status < 400 or status in ACCEPTED or status >= 500:  # 5xx: not_a_server_error's business
        return None
    if status == 422 and opaque_body:
        return None
    if status == 422:
        try:
            errors = json.loads(body).get("errors") or {}
        except ValueError:
            errors = {}
        unlisted = {
            path: messages
            for path, messages in errors.items()
            if path.split(".")[0] not in CHECKED_FIELDS
            and not all(isinstance(m, str) and is_rule(m) for m in messages)
        }
        if errors and not unlisted:
            return None  # only rules the description lists beyond JSON Schema
        return f"422 for valid data: {unlisted or body[:300]!r}"
    return f"{status} for valid data: {body[:300]!r}"


@schemathesis.check
def valid_data_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """Positive data is accepted, or refused only by a rule the description lists."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    opaque = case.media_type == "application/x-ndjson"
    reason = refusal_of_valid_data(response.status_code, response.content, opaque_body=opaque)
    if reason is not None:
        raise AssertionError(reason)
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    valid_data_accepted,
]


def _fuzz_app() -> Flask:
    # built at import: schemathesis parametrizes at collection (its lazy fixture loader does
    # not work with this pytest); the state lives in a throwaway directory
    data_dir = Path(tempfile.mkdtemp(prefix="doc-service-fuzz-"))
    keys = {
        "fuzz-key": {"key": FUZZ_SECRET, "roles": ["submitter", "reviewer", "auditor", "admin"]}
    }
    return make_app(data_dir, RENDER_TIMEOUT_SECONDS=5, AUTH="on", API_KEYS=keys)


# POST /v1/verifications takes any file's bytes: send generated PDFs as raw bytes
schemathesis.serializer.alias("application/pdf", "application/octet-stream")
# POST /v1/batches also takes NDJSON, one document request per line: send generated text as is
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
schema = schemathesis.openapi.from_wsgi("/openapi.json", _fuzz_app())
# the operations whose body is a whole case: each example draws a hundred constrained strings
CASE_BODIES = r"^/v1/(documents|previews|previews/comparisons|compliance/check|batches)$"


def fuzz_settings(max_examples: int) -> settings:
    """Return the Hypothesis settings of a bounded, reproducible run."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )


@schema.exclude(method="POST", path_regex=CASE_BODIES).parametrize()
@fuzz_settings(MAX_EXAMPLES)
def test_api_conforms_to_its_description(case: Any) -> None:
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


@schema.include(method="POST", path_regex=CASE_BODIES).parametrize()
@fuzz_settings(CASE_EXAMPLES)
def test_case_bodies_conform_to_their_description(case: Any) -> None:
    case.call_and_validate(headers=HEADERS, checks=CHECKS)


def test_a_valid_request_is_refused_only_by_a_listed_rule() -> None:
    listed = json.dumps(
        {
            "errors": {
                "case.arrears.total": [
                    "expected 10.00 = principal + interest + penalty_interest + fees"
                ]
            }
        }
    )
    unlisted = json.dumps({"errors": {"case.case_id": ["must not be blank"]}})
    assert refusal_of_valid_data(422, listed.encode()) is None
    assert "must not be blank" in (refusal_of_valid_data(422, unlisted.encode()) or "")
    assert refusal_of_valid_data(400, b"{}") is not None
    assert refusal_of_valid_data(404, b"{}") is None
