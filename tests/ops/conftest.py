"""Fixtures of the operations tests: the moto S3 server of the audit tests."""

from tests.audit.conftest import moto_endpoint, s3_client  # noqa: F401 — shared fixtures
