"""The evidence bundle verifies offline, in a fresh process; any one altered file is named."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from doc_service.evidence.verify import verify_bundle
from tests.support import load_example

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, pki_files: Any, tsa: Any) -> bytes:
    """Issue a signed letter and two more, anchor them, and download the first one's bundle."""
    from tests.support import make_app

    app = make_app(
        tmp_path_factory.mktemp("bundle"),
        SIGNING_KEY=str(pki_files["p12"]),
        SIGNING_KEY_PASSWORD="local-test-password",
        TSA_URL=tsa.url,
    )
    client = app.test_client()
    first = client.post("/v1/documents", json=load_example("dunning_letter")).get_json()
    client.post("/v1/documents", json={**load_example("lawyer_letter"), "format": "docx"})
    assert client.post("/v1/audit/anchors").status_code == 201
    response = client.get(f"/v1/documents/{first['id']}/evidence")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    app.extensions["doc_service"].engine.dispose()
    return response.data


def names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def replace_file(data: bytes, name: str, change: Any) -> bytes:
    """Return the bundle with one file's bytes changed, every other file as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def alter(name: str, content: bytes) -> bytes:
    """Change a file the way a forger would: a value in JSON, a byte elsewhere."""
    if name.endswith(".json") and name != "payload.json":
        value = json.loads(content)
        if name == "chain.json":
            value["records"][-1]["created_by"] = "someone else"
        elif name == "manifest.json":
            value["files"]["README.txt"] = "0" * 64
        else:
            key = "created_by" if "created_by" in value else "record_count"
            value[key] = "someone else" if key == "created_by" else 99
        return json.dumps(value).encode()
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0x20]) + content[middle + 1 :]


def test_the_bundle_holds_every_piece_and_verifies(bundle: bytes) -> None:
    listed = names(bundle)
    for name in (
        "README.txt",
        "document.pdf",
        "record.json",
        "payload.json",
        "chain.json",
        "anchor.json",
        "anchor.tsr",
        "certificates/roots.pem",
        "manifest.json",
    ):
        assert name in listed
    assert any(n.startswith("template/") and n.endswith("document.html") for n in listed)
    readme = zipfile.ZipFile(io.BytesIO(bundle)).read("README.txt").decode()
    assert "证据包" in readme and "Evidence bundle" in readme
    report = verify_bundle(bundle)
    assert report.ok, "\n".join(report.lines())
    chain = json.loads(zipfile.ZipFile(io.BytesIO(bundle)).read("chain.json"))
    assert [r["seq"] for r in chain["records"]] == [1, 2]  # from the record to the anchor


def test_a_fresh_process_verifies_the_bundle_without_the_database(
    bundle: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "bundle.zip"
    path.write_bytes(bundle)
    result = subprocess.run(
        [sys.executable, "-m", "doc_service.evidence", "verify", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "DOC_SERVICE_DATABASE_URL": "postgresql://nowhere.invalid/x"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("VERIFIED")
    assert "FAIL" not in result.stdout


def test_roots_given_on_the_command_line_replace_the_bundles(bundle: bytes, tmp_path: Path) -> None:
    from doc_service.evidence.localpki import LocalPKI

    other = LocalPKI.create("Other").write(tmp_path / "other", "x")
    report = verify_bundle(bundle, trust_roots=other["roots"].read_bytes())
    assert not report.ok
    assert report.failed_files() == {"anchor.tsr", "document.pdf"}


def test_each_altered_file_is_reported_by_name(bundle: bytes) -> None:
    for name in names(bundle):
        report = verify_bundle(replace_file(bundle, name, lambda c, n=name: alter(n, c)))
        assert not report.ok, name
        failed = report.failed_files()
        expected = {"template/"} if name.startswith("template/") else {name}
        assert expected <= failed | {name}, (name, report.lines())
        if name != "certificates/roots.pem":  # other roots fail what they were to trust
            assert failed <= expected | {name}, (name, failed)
