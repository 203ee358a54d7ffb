"""Check compose.yaml without a Docker engine: `python -m scripts.check_compose compose.yaml`.

`docker compose config` needs the engine's CLI, which CI and developers may not have; this
checks what matters to us: the YAML parses, the stack has its services, every service has an
image or a build, dependencies name real services, and every DOC_SERVICE_* variable is one the
service (or a feature API.md names) reads — a misspelt setting would otherwise be ignored.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_SERVICES = {"app", "worker", "postgres", "minio", "rabbitmq", "nginx"}
# settings of API.md features that live beside this code (batches, evidence)
CONTRACT_SETTINGS = {"BROKER_URL", "CALLBACK_HOSTS", "SIGNING_KEY", "SIGNING_KEY_PASSWORD"}
CONTRACT_SETTINGS |= {"TSA_URL", "PUBLIC_URL"}
_NAMED = re.compile(r"DOC_SERVICE_([A-Z0-9_]+)")
_GUNICORN = re.compile(r"""(?:_env_int\(|_PREFIX \+ )["']([A-Z0-9_]+)["']""")


def known_settings() -> set[str]:
    """Return every DOC_SERVICE_* name the code reads (without the prefix)."""
    from doc_service.config import DEFAULTS

    names = set(DEFAULTS) | CONTRACT_SETTINGS
    for path in [ROOT / "gunicorn.conf.py", *sorted((ROOT / "doc_service").rglob("*.py"))]:
        source = path.read_text("utf-8")
        names |= set(_NAMED.findall(source)) | set(_GUNICORN.findall(source))
    return names


def environment_of(service: dict[str, Any]) -> dict[str, Any]:
    """Return a service's environment as a mapping (list form included)."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: value for key, value in env.items() if key != "<<"}


def problems(compose: Any) -> list[str]:
    """Return what is wrong with a parsed compose file."""
    if not isinstance(compose, dict) or not isinstance(compose.get("services"), dict):
        return ["no services mapping"]
    services: dict[str, Any] = compose["services"]
    found = [f"missing service {name!r}" for name in sorted(REQUIRED_SERVICES - set(services))]
    known = known_settings()
    for name, service in services.items():
        if "image" not in service and "build" not in service:
            found.append(f"{name}: neither image nor build")
        depends = service.get("depends_on") or {}
        found += [f"{name}: depends on unknown {dep!r}" for dep in depends if dep not in services]
        for key in environment_of(service):
            if key.startswith("DOC_SERVICE_") and key.removeprefix("DOC_SERVICE_") not in known:
                found.append(f"{name}: {key} is no setting of doc_service")
        for volume in service.get("volumes") or []:
            source = str(volume).split(":", 1)[0]
            declared = compose.get("volumes") or {}
            if not source.startswith((".", "/")) and source not in declared:
                found.append(f"{name}: volume {source!r} is not declared")
    return found


def main(argv: list[str]) -> int:
    """Check the compose file named on the command line."""
    path = Path(argv[1] if len(argv) > 1 else "compose.yaml")
    try:
        compose = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 1
    found = problems(compose)
    for problem in found:
        print(f"{path}: {problem}", file=sys.stderr)
    if not found:
        print(f"{path}: {len(compose['services'])} services, settings known")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
