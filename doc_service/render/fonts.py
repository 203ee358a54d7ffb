"""Font checks: HarfBuzz subsetting must be there, and the CJK fonts the templates name."""

from __future__ import annotations

import shutil
import subprocess

REQUIRED_FAMILIES = (
    "Noto Serif CJK SC",
    "Noto Serif CJK TC",
    "Noto Serif CJK HK",
    "Noto Serif",
)


class RendererNotReady(RuntimeError):
    """The PDF renderer lacks something it needs to be fast and correct."""


def harfbuzz_subsetting_available() -> bool:
    """Tell whether WeasyPrint found libharfbuzz-subset (else a CJK letter takes ~10 s)."""
    from weasyprint.text import ffi

    return getattr(ffi, "harfbuzz_subset", None) is not None


def require_harfbuzz_subsetting() -> None:
    """Refuse to start without HarfBuzz subsetting, with a message that says how to fix it."""
    if not harfbuzz_subsetting_available():
        raise RendererNotReady(
            "WeasyPrint cannot load libharfbuzz-subset: install the Debian package "
            "libharfbuzz-subset0 (make install does) — without it CJK PDFs embed whole fonts "
            "and take about 40 times longer"
        )


def missing_font_families() -> list[str]:
    """Return the font families the templates need that fontconfig does not know."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return list(REQUIRED_FAMILIES)
    listed = subprocess.run(  # noqa: S603 — fixed argument list, no shell
        [fc_list, ":", "family"], capture_output=True, text=True, check=False, timeout=10
    ).stdout
    known = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    return [family for family in REQUIRED_FAMILIES if family not in known]
