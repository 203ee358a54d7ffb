"""What a serving process holds: libraries it never uses on a request stay out of its memory.

Each check builds the app in a fresh interpreter, so what other tests imported cannot hide
an import the app makes itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOADED = (
    "import sys; from doc_service import create_app; create_app(); "
    "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
)


def packages_after_create_app(data_dir: Path, **settings: str) -> set[str]:
    """Return the top-level packages a fresh process holds once the app is built."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DOC_SERVICE_") or key == "DOC_SERVICE_FONT_DIR"
    }
    env.update({f"DOC_SERVICE_{key}": value for key, value in settings.items()})
    env.update({"DOC_SERVICE_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT)})
    command = [sys.executable, "-c", LOADED]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_a_service_without_a_signing_key_never_loads_pyhanko(tmp_path: Path) -> None:
    loaded = packages_after_create_app(tmp_path / "var")
    assert "flask" in loaded
    assert "pyhanko" not in loaded
    assert "pyhanko_certvalidator" not in loaded
