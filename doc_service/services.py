"""The long-lived services one process shares across requests, built once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from doc_service.audit import BlobStore, blob_store_from_url, make_engine, make_session_factory
from doc_service.audit.db import ping
from doc_service.compliance import Policy, load_policy
from doc_service.evidence.config import SigningConfig, signing_config
from doc_service.render.fonts import require_harfbuzz_subsetting
from doc_service.render.registry import TemplateRegistry
from doc_service.schema import at_head


@dataclass
class Services:
    """What views hand to the service functions: settings, templates, stores and policy."""

    settings: dict[str, Any]
    templates: TemplateRegistry
    engine: Engine
    sessions: sessionmaker[Session]
    blobs: BlobStore
    policy: Policy
    # template versions this process has already pinned in the store: pin once, not per document
    pinned_templates: set[tuple[str, str]] = field(default_factory=set)
    # None: issued PDFs are not signed
    signing: SigningConfig | None = None

    def storage_checks(self) -> dict[str, dict[str, Any]]:
        """Return readiness checks of the audit database and the blob store."""
        checks: dict[str, dict[str, Any]] = {}
        for name, probe in (
            ("database", lambda: ping(self.engine)),
            ("blob_store", self.blobs.ping),
        ):
            try:
                probe()
                checks[name] = {"ok": True}
            except Exception as exc:  # readiness reports, it does not raise
                checks[name] = {"ok": False, "error": type(exc).__name__}
        return checks


def build_services(settings: dict[str, Any]) -> Services:
    """Connect the stores, load the policy and compile every template."""
    require_harfbuzz_subsetting()
    engine = make_engine(settings["DATABASE_URL"])
    # gunicorn's master and the batch worker migrate before they fork, so their children find
    # the schema at head and never load Alembic; a process started on its own still migrates
    if settings["MIGRATE_ON_START"] and not at_head(engine):
        from doc_service.migrate import upgrade

        upgrade(settings["DATABASE_URL"])
    return Services(
        settings=settings,
        templates=TemplateRegistry(Path(settings["TEMPLATE_ROOT"])),
        engine=engine,
        sessions=make_session_factory(engine),
        blobs=blob_store_from_url(settings["BLOB_URL"], endpoint_url=settings["S3_ENDPOINT_URL"]),
        policy=load_policy(settings["POLICY_FILE"]),
        signing=signing_config(settings),
    )
