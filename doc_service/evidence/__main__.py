"""Verify an evidence bundle offline: ``python -m doc_service.evidence verify bundle.zip``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from doc_service.evidence.verify import verify_bundle


def main(argv: list[str] | None = None) -> int:
    """Print each check; exit 0 when every one holds, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="python -m doc_service.evidence")
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="check an evidence bundle without the service")
    verify.add_argument("bundle", type=Path)
    verify.add_argument(
        "--trust-roots", type=Path, help="PEM roots to trust instead of the bundle's"
    )
    verify.add_argument("--json", action="store_true", help="print the checks as JSON")
    args = parser.parse_args(argv)
    roots = args.trust_roots.read_bytes() if args.trust_roots else None
    report = verify_bundle(args.bundle.read_bytes(), trust_roots=roots)
    if args.json:
        print(
            json.dumps(
                {"ok": report.ok, "roots": report.roots, "checks": report.checks},
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print("\n".join(report.lines()))
        print("trusted root SHA-256: " + (", ".join(report.roots) or "none"))
        print("VERIFIED" if report.ok else "NOT VERIFIED")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
