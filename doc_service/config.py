"""Configuration layers: embedded defaults, then DOC_SERVICE_* environment, then a test mapping."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PREFIX = "DOC_SERVICE_"
PROJECT_ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, Any] = {
    "HOST": "127.0.0.1",
    "PORT": 8000,
    "DATA_DIR": "./var",
    "DATABASE_URL": None,  # derived from DATA_DIR when unset
    "BLOB_URL": None,  # derived from DATA_DIR when unset
    "S3_ENDPOINT_URL": None,
    "API_KEYS": None,
    "AUTH": "off",
    "TEMPLATE_ROOT": str(PROJECT_ROOT / "templates" / "legal"),
    "POLICY_FILE": None,  # None: the shipped default policy
    "MAX_BODY_BYTES": 256 * 1024,
    "MAX_VERIFY_BYTES": 32 * 1024 * 1024,
    "RENDER_TIMEOUT_SECONDS": 60,
    "TIMEZONE": "Asia/Shanghai",
    "MIGRATE_ON_START": True,
    # evidence: PAdES signing (PKCS#12 or PEM key + chain), its TSA, and the roots trusted
    "SIGNING_KEY": None,
    "SIGNING_KEY_PASSWORD": None,
    "SIGNATURE_LEVEL": "B-T",  # or B-LTA for archives
    "TSA_URL": None,
    "TRUST_ROOTS": None,  # PEM file; None: the signing chain's own root
    "PUBLIC_URL": None,
    "VERIFY_RATE_PER_MINUTE": 30,  # per client address, on the public /verify page
    "ANCHOR_INTERVAL": 3600,  # seconds between scheduled anchors (Celery beat); 0: none
    # nightly batches (doc_service.batches): unset broker = the embedded one under DATA_DIR
    "BROKER_URL": None,
    "BATCH_QUEUE": "doc_service.batches",
    "MAX_BATCH_BODY_BYTES": 64 * 1024 * 1024,
    "MAX_BATCH_ITEMS": 10_000,
    "BATCH_CHUNK_SIZE": 25,
    "BATCH_LEASE_SECONDS": 180,
    "WORKER_CONCURRENCY": 1,
    "CALLBACK_HOSTS": "",
    "CALLBACK_SECRET": None,
    # Host names requests may name (comma-separated; ".example.com" admits its subdomains).
    # Unset: any Host, and nothing the service answers is built from it (no redirects).
    "TRUSTED_HOSTS": "",
}

_INTEGER_KEYS = {
    "PORT",
    "MAX_BODY_BYTES",
    "MAX_VERIFY_BYTES",
    "RENDER_TIMEOUT_SECONDS",
    "VERIFY_RATE_PER_MINUTE",
    "ANCHOR_INTERVAL",
    "MAX_BATCH_BODY_BYTES",
    "MAX_BATCH_ITEMS",
    "BATCH_CHUNK_SIZE",
    "BATCH_LEASE_SECONDS",
    "WORKER_CONCURRENCY",
}
_BOOLEAN_KEYS = {"MIGRATE_ON_START"}


def _coerce(key: str, raw: str) -> Any:
    """Turn an environment string into the type the default has."""
    if key in _INTEGER_KEYS:
        return int(raw)
    if key in _BOOLEAN_KEYS:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if key == "API_KEYS":
        return json.loads(raw)
    return raw


def from_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read the DOC_SERVICE_* variables this service knows."""
    found: dict[str, Any] = {}
    for key in DEFAULTS:
        raw = environ.get(PREFIX + key)
        if raw is not None and raw != "":
            found[key] = _coerce(key, raw)
    return found


def derive(settings: dict[str, Any]) -> dict[str, Any]:
    """Fill the settings that default from DATA_DIR and normalise the rest."""
    data_dir = Path(settings["DATA_DIR"]).resolve()
    settings["DATA_DIR"] = str(data_dir)
    if not settings.get("DATABASE_URL"):
        settings["DATABASE_URL"] = f"sqlite:///{data_dir / 'doc_service.db'}"
    if not settings.get("BLOB_URL"):
        settings["BLOB_URL"] = f"file://{data_dir / 'blobs'}"
    settings["TRUSTED_HOSTS"] = trusted_hosts(settings.get("TRUSTED_HOSTS"))
    settings["AUTH"] = str(settings["AUTH"]).strip().lower()
    if settings["AUTH"] not in {"on", "off"}:
        raise ValueError(f"{PREFIX}AUTH must be 'on' or 'off', not {settings['AUTH']!r}")
    return settings


def trusted_hosts(raw: Any) -> list[str] | None:
    """Return the trusted host names as Flask's TRUSTED_HOSTS wants them; None when unset."""
    names = raw.split(",") if isinstance(raw, str) else list(raw or ())
    cleaned = [str(name).strip().lower() for name in names if str(name).strip()]
    return cleaned or None


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Layer defaults, environment and overrides into one settings mapping."""
    settings = dict(DEFAULTS)
    settings.update(from_environment(os.environ if environ is None else environ))
    settings.update(overrides or {})
    return derive(settings)
