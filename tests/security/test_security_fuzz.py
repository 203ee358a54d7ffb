"""Schemathesis against /openapi.json through the WSGI app: no 5xx, answers as documented.

Bounded: a few examples per operation and no shrinking, so the whole run stays near a minute.
"""

from __future__ import annotations

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

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # invalid by the schema must be refused (4xx); the converse (positive_data_acceptance)
    # cannot hold: check digits, sums and date order are beyond what JSON Schema can say
    negative_data_rejection,
]
MAX_EXAMPLES = 12


def _fuzz_app() -> Flask:
    # built at import: schemathesis parametrizes at collection (its lazy fixture loader does
    # not work with this pytest); the state lives in a throwaway directory
    data_dir = Path(tempfile.mkdtemp(prefix="doc-service-fuzz-"))
    return make_app(data_dir, RENDER_TIMEOUT_SECONDS=5)


# POST /v1/verifications takes any file's bytes: send generated PDFs as raw bytes
schemathesis.serializer.alias("application/pdf", "application/octet-stream")
# POST /v1/batches also takes NDJSON, one document request per line: send generated text as is
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
schema = schemathesis.openapi.from_wsgi("/openapi.json", _fuzz_app())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_conforms_to_its_description(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
