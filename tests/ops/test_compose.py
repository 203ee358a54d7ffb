"""The compose file check `make lint` runs: the real stack passes, mistakes are named."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from scripts.check_compose import problems

COMPOSE = yaml.safe_load((Path(__file__).resolve().parents[2] / "compose.yaml").read_text())


def test_the_stack_has_every_service_and_known_settings() -> None:
    assert problems(COMPOSE) == []
    app = COMPOSE["services"]["app"]["environment"]
    assert app["DOC_SERVICE_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert app["DOC_SERVICE_BLOB_URL"].startswith("s3://")
    assert COMPOSE["services"]["worker"]["environment"]["DOC_SERVICE_BROKER_URL"].startswith(
        "amqp://"
    )


def test_a_misspelt_setting_and_a_missing_service_are_named() -> None:
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["app"]["environment"]["DOC_SERVICE_DATABSE_URL"] = "sqlite://"
    del broken["services"]["rabbitmq"]
    found = problems(broken)
    assert "app: DOC_SERVICE_DATABSE_URL is no setting of doc_service" in found
    assert "missing service 'rabbitmq'" in found
    assert "worker: depends on unknown 'rabbitmq'" in found
