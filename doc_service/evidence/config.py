"""The signing settings: read once at start-up; pyHanko loads only when a key is configured."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doc_service.evidence.errors import SigningUnavailable

if TYPE_CHECKING:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign import signers
    from pyhanko_certvalidator import ValidationContext

LEVELS = ("B-T", "B-LTA")


@dataclass(frozen=True)
class SigningConfig:
    """What signing needs, read once from the settings."""

    signer: signers.SimpleSigner
    tsa_url: str
    level: str
    trust_roots: tuple[asn1_x509.Certificate, ...]

    def validation_context(self) -> ValidationContext:
        """Return a context that trusts only the configured roots and fetches nothing."""
        from doc_service.evidence.keys import validation_context

        return validation_context(self.trust_roots)


def signing_config(settings: dict[str, Any]) -> SigningConfig | None:
    """Return the signing configuration, or None when no signing key is set."""
    key_path = settings.get("SIGNING_KEY")
    if not key_path:
        return None
    level = str(settings.get("SIGNATURE_LEVEL") or "B-T").upper()
    if level not in LEVELS:
        raise ValueError(f"DOC_SERVICE_SIGNATURE_LEVEL must be one of {LEVELS}, not {level!r}")
    if not settings.get("TSA_URL"):
        raise ValueError("DOC_SERVICE_TSA_URL is required when DOC_SERVICE_SIGNING_KEY is set")
    # pyHanko (~27 MiB resident) is imported here, so a process that signs nothing never holds it
    from doc_service.evidence.keys import load_signer, trusted_roots

    try:
        signer = load_signer(Path(key_path), settings.get("SIGNING_KEY_PASSWORD"))
    except (OSError, ValueError) as exc:
        raise SigningUnavailable(f"the signing key could not be loaded: {exc}") from exc
    roots = trusted_roots(signer, settings.get("TRUST_ROOTS"))
    return SigningConfig(signer, settings["TSA_URL"], level, roots)
