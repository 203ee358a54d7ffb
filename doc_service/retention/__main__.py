"""Run the retention purge from the command line or a scheduler: `python -m doc_service.retention`.

Reads the same DOC_SERVICE_* settings as the service; prints the report as JSON. A cron job or a
Kubernetes CronJob runs this daily; `--dry-run` lists what would go without deleting anything.
"""

from __future__ import annotations

import argparse
import json
import sys

from doc_service.audit import blob_store_from_url, make_engine
from doc_service.compliance import load_policy
from doc_service.config import load_settings
from doc_service.migrate import upgrade
from doc_service.retention.purge import purge_expired

ACTOR = "retention-purge"


def main(argv: list[str] | None = None) -> int:
    """Purge expired, unheld documents of the configured store and print what happened."""
    parser = argparse.ArgumentParser(prog="python -m doc_service.retention")
    parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")
    args = parser.parse_args(argv)
    settings = load_settings()
    upgrade(settings["DATABASE_URL"])
    engine = make_engine(settings["DATABASE_URL"])
    try:
        report = purge_expired(
            engine,
            blob_store_from_url(settings["BLOB_URL"], endpoint_url=settings["S3_ENDPOINT_URL"]),
            load_policy(settings["POLICY_FILE"]),
            actor=ACTOR,
            dry_run=args.dry_run,
        )
    finally:
        engine.dispose()
    json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 1 if report.blob_errors else 0


if __name__ == "__main__":
    sys.exit(main())
