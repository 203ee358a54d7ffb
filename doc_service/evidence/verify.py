"""Verify an evidence bundle offline: every hash, link, signature and token, file by file."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import rfc8785
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data

from doc_service.audit.anchors import anchor_digest
from doc_service.audit.chain import HASHED_FIELDS
from doc_service.evidence.readme import README
from doc_service.evidence.signing import signature_report
from doc_service.evidence.timestamps import check_token
from doc_service.render.snapshot import version_digest

MANIFEST = "manifest.json"
ROOTS = "certificates/roots.pem"


@dataclass
class BundleReport:
    """Each check with the file it concerns; ``ok`` when every one holds."""

    checks: list[dict[str, Any]] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)

    def add(self, file: str, check: str, ok: bool, detail: str = "") -> bool:
        """Record one check's outcome."""
        self.checks.append({"file": file, "check": check, "ok": bool(ok), "detail": detail})
        return bool(ok)

    @property
    def ok(self) -> bool:
        """Tell whether every check held."""
        return bool(self.checks) and all(c["ok"] for c in self.checks)

    def failed_files(self) -> set[str]:
        """Return the files some check found wrong."""
        return {c["file"] for c in self.checks if not c["ok"]}

    def lines(self) -> list[str]:
        """Return one human-readable line per check."""
        return [
            f"{'OK  ' if c['ok'] else 'FAIL'} {c['file']}: {c['check']}"
            + (f" ({c['detail']})" if c["detail"] else "")
            for c in self.checks
        ]


def _record_hash(entry: dict[str, Any]) -> str:
    view = {name: entry.get(name) for name in HASHED_FIELDS}
    return hashlib.sha256(rfc8785.dumps(view)).hexdigest()


def _load_json(files: dict[str, bytes], name: str, report: BundleReport) -> Any:
    try:
        return json.loads(files[name])
    except KeyError:
        report.add(name, "present", False, "missing from the bundle")
    except ValueError as exc:
        report.add(name, "readable JSON", False, str(exc)[:80])
    return None


def _check_manifest(files: dict[str, bytes], report: BundleReport) -> None:
    """Blame a manifest mismatch on the file when its own checks failed, else on the manifest."""
    manifest = _load_json(files, MANIFEST, report)
    if not isinstance(manifest, dict):
        return
    listed: dict[str, str] = manifest.get("files", {})
    failed = report.failed_files()
    for name in sorted(set(listed) | set(files) - {MANIFEST}):
        if name not in files:
            report.add(name, "present", False, "listed in the manifest but missing")
        elif name not in listed:
            report.add(name, "listed in the manifest", False, "a file the manifest does not list")
        elif hashlib.sha256(files[name]).hexdigest() != listed[name]:
            own = "template/" if name.startswith("template/") else name
            if own in failed:
                continue  # its own check already names it
            # the trust roots have no check of their own: only the manifest covers them
            culprit = name if name == ROOTS else MANIFEST
            report.add(culprit, f"SHA-256 of {name} as the manifest lists", False)


def _check_readme(files: dict[str, bytes], report: BundleReport) -> None:
    report.add("README.txt", "the text bundles carry", files.get("README.txt") == README.encode())


def _check_document(files: dict[str, bytes], record: dict[str, Any], report: BundleReport) -> None:
    name = f"document.{record.get('format')}"
    data = files.get(name)
    if data is None:
        report.add(name, "present", False, "missing from the bundle")
        return
    report.add(
        name,
        "SHA-256 equals record.sha256",
        hashlib.sha256(data).hexdigest() == record.get("sha256"),
    )
    render = record.get("render")
    if render:
        prefix = data[: render["size"]]
        report.add(
            name,
            "the unsigned render (record.render) is the signed file's prefix",
            hashlib.sha256(prefix).hexdigest() == render["sha256"],
        )


def _check_signature(
    files: dict[str, bytes],
    record: dict[str, Any],
    roots: tuple[asn1_x509.Certificate, ...],
    report: BundleReport,
) -> None:
    name = f"document.{record.get('format')}"
    if not record.get("render") or name not in files:
        return
    verdict = signature_report(files[name], roots)
    detail = (
        ""
        if verdict["ok"]
        else ", ".join(
            k for k in ("intact", "valid", "trusted", "timestamp_ok") if not verdict.get(k)
        )
    )
    report.add(name, "PAdES signature and its timestamp validate", verdict["ok"], detail)


def _check_template(files: dict[str, bytes], record: dict[str, Any], report: BundleReport) -> None:
    template = {
        n.removeprefix("template/"): d for n, d in files.items() if n.startswith("template/")
    }
    expected = (record.get("template") or {}).get("version")
    report.add(
        "template/", "files hash to record.template.version", version_digest(template) == expected
    )


def _check_chain(
    files: dict[str, bytes],
    record: dict[str, Any],
    anchor: dict[str, Any] | None,
    report: BundleReport,
) -> None:
    chain = _load_json(files, "chain.json", report)
    entries = chain.get("records", []) if isinstance(chain, dict) else []
    if not entries:
        report.add("chain.json", "starts at the record", False, "no records")
        return
    report.add(
        "chain.json",
        "starts at the record",
        entries[0].get("record_hash") == record.get("record_hash"),
    )
    previous = entries[0].get("previous_record_hash")
    for entry in entries:
        ok = (
            _record_hash(entry) == entry.get("record_hash")
            and entry.get("previous_record_hash") == previous
        )
        if not report.add("chain.json", f"record {entry.get('seq')} hashes and links", ok):
            break
        previous = entry.get("record_hash")
    if anchor is not None:
        last = entries[-1]
        report.add(
            "chain.json",
            "ends at the anchored chain head",
            last.get("seq") == anchor.get("record_count")
            and last.get("record_hash") == anchor.get("chain_head"),
        )


def _roots(
    files: dict[str, bytes], trust_roots: bytes | None, report: BundleReport
) -> tuple[asn1_x509.Certificate, ...]:
    data = trust_roots if trust_roots is not None else files.get(ROOTS, b"")
    try:
        return tuple(load_certs_from_pemder_data(data)) if data else ()
    except Exception as exc:  # unreadable roots: nothing is trusted, and the file is named
        report.add(ROOTS, "readable PEM certificates", False, type(exc).__name__)
        return ()


def verify_bundle(data: bytes, *, trust_roots: bytes | None = None) -> BundleReport:
    """Check a bundle's ZIP bytes; ``trust_roots`` (PEM) replaces the roots the bundle carries."""
    report = BundleReport()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            files = {
                info.filename: archive.read(info)
                for info in archive.infolist()
                if not info.is_dir()
            }
    except zipfile.BadZipFile as exc:
        report.add("bundle", "a ZIP archive", False, str(exc))
        return report
    roots = _roots(files, trust_roots, report)
    report.roots = [c.sha256.hex() for c in roots]
    _check_readme(files, report)
    _check_record_files(files, roots, report)
    _check_manifest(files, report)
    return report


def _check_record_files(
    files: dict[str, bytes], roots: tuple[asn1_x509.Certificate, ...], report: BundleReport
) -> None:
    """Check the record, then what it names: payload, document, template, chain, anchor."""
    record = _load_json(files, "record.json", report)
    if not isinstance(record, dict):
        return
    report.add(
        "record.json",
        "record_hash matches its fields",
        _record_hash(record) == record.get("record_hash"),
    )
    payload = files.get("payload.json", b"")
    report.add(
        "payload.json",
        "SHA-256 equals record.payload_sha256",
        hashlib.sha256(payload).hexdigest() == record.get("payload_sha256"),
    )
    _check_document(files, record, report)
    _check_template(files, record, report)
    anchor = _load_json(files, "anchor.json", report) if "anchor.json" in files else None
    if anchor is None and "anchor.json" not in files:
        report.add("anchor.json", "present", False, "the record is not anchored yet")
    _check_chain(files, record, anchor if isinstance(anchor, dict) else None, report)
    if isinstance(anchor, dict):
        report.add(
            "anchor.json",
            "digest matches its fields",
            anchor_digest(anchor) == anchor.get("digest"),
        )
        token = files.get("anchor.tsr")
        if token is None:
            report.add("anchor.tsr", "present", False, "missing from the bundle")
        else:
            verdict = check_token(token, str(anchor.get("digest")), roots)
            report.add(
                "anchor.tsr",
                "RFC 3161 token stamps the anchor digest and chains to a trusted root",
                verdict["ok"],
                verdict.get("time", ""),
            )
    _check_signature(files, record, roots, report)
