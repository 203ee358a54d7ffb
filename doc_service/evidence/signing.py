"""PAdES signatures: sign an issued PDF as an incremental update, and validate one."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

LEVELS = ("B-T", "B-LTA")
FIELD_NAME = "DocServiceSignature"
# hex digits reserved for the CMS container: 16 KiB holds an RSA signature, its chain and the
# TSA's token with its chain
RESERVED_BYTES = 32 * 1024


class SigningUnavailable(Exception):
    """The signing key, its password or the time-stamping authority could not be used."""


class TimestampingNotConfigured(Exception):
    """No time-stamping authority is configured, so nothing can be anchored."""


@dataclass(frozen=True)
class SigningConfig:
    """What signing needs, read once from the settings."""

    signer: signers.SimpleSigner
    tsa_url: str
    level: str
    trust_roots: tuple[asn1_x509.Certificate, ...]

    def validation_context(self) -> ValidationContext:
        """Return a context that trusts only the configured roots and fetches nothing."""
        return validation_context(self.trust_roots)


def validation_context(roots: tuple[asn1_x509.Certificate, ...]) -> ValidationContext:
    """Trust these roots only; offline, so a missing revocation endpoint is not a failure."""
    return ValidationContext(trust_roots=list(roots), allow_fetching=False)


def _load_signer(path: Path, password: str | None) -> signers.SimpleSigner:
    """Load an RSA key with its certificate chain from PKCS#12 or from one PEM file."""
    data = path.read_bytes()
    secret = password.encode("utf-8") if password else None
    if b"-----BEGIN" not in data:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=secret)
        if signer is None:
            raise SigningUnavailable("the PKCS#12 signing key could not be opened")
        return signer
    certs = list(load_certs_from_pemder_data(data))
    if not certs:
        raise SigningUnavailable("the PEM signing key file holds no certificate")
    key = load_private_key_from_pemder_data(data, passphrase=secret)
    # the first certificate is the signer's, the rest its chain
    return signers.SimpleSigner(
        signing_cert=certs[0],
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(certs),
    )


def _roots(
    signer: signers.SimpleSigner, trust_roots: str | None
) -> tuple[asn1_x509.Certificate, ...]:
    """Return the configured trust roots, or the self-signed certificates of the signer's chain."""
    if trust_roots:
        return tuple(load_certs_from_pemder_data(Path(trust_roots).read_bytes()))
    registry = signer.cert_registry or ()
    return tuple(c for c in registry if c.self_signed)


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
    try:
        signer = _load_signer(Path(key_path), settings.get("SIGNING_KEY_PASSWORD"))
    except (OSError, ValueError) as exc:
        raise SigningUnavailable(f"the signing key could not be loaded: {exc}") from exc
    roots = _roots(signer, settings.get("TRUST_ROOTS"))
    return SigningConfig(signer, settings["TSA_URL"], level, roots)


class SignatureTooLarge(Exception):
    """The signature did not fit the space reserved for it."""


def _sign(signer: signers.PdfSigner, data: bytes, reserved: int | None) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    try:
        return bytes(signer.sign_pdf(writer, bytes_reserved=reserved).getvalue())
    except SigningError as exc:
        if reserved is not None and "larger than expected" in str(exc):
            raise SignatureTooLarge from exc
        raise


def sign_pdf(config: SigningConfig, data: bytes) -> bytes:
    """Return the PDF with a PAdES signature appended; ``data`` stays its exact prefix."""
    archive = config.level == "B-LTA"
    metadata = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        # B-LTA: certificates and revocation data in a DSS, then a document timestamp over it all
        embed_validation_info=archive,
        use_pades_lta=archive,
        validation_context=config.validation_context() if archive else None,
    )
    signer = signers.PdfSigner(
        metadata, config.signer, timestamper=RequestsHTTPTimeStamper(config.tsa_url, timeout=30)
    )
    try:
        # a fixed reservation spares pyHanko a trial signature (and a second TSA call) per file
        output = _sign(signer, data, RESERVED_BYTES)
    except SignatureTooLarge:
        output = _sign(signer, data, None)
    except Exception as exc:  # the TSA or the key failed: the document is not issued
        raise SigningUnavailable(f"signing failed: {type(exc).__name__}: {exc}") from exc
    signed = output
    if not signed.startswith(data):
        raise SigningUnavailable("the signed file does not keep the rendered bytes as its prefix")
    return signed


def signature_report(data: bytes, roots: tuple[asn1_x509.Certificate, ...]) -> dict[str, Any]:
    """Validate the file's first signature against ``roots``; say what holds and what does not."""
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = reader.embedded_regular_signatures
    except Exception as exc:  # unreadable bytes are a verdict, not a crash
        return {"present": False, "ok": False, "error": type(exc).__name__}
    if not embedded:
        return {"present": False, "ok": False}
    context = validation_context(roots)
    try:
        status = validate_pdf_signature(embedded[0], context, ts_validation_context=context)
    except Exception as exc:  # a damaged file may break validation itself: that is the verdict
        return {"present": True, "ok": False, "error": type(exc).__name__}
    timestamp = status.timestamp_validity
    timestamp_ok = bool(
        timestamp is not None and timestamp.intact and timestamp.valid and timestamp.trusted
    )
    report = {
        "present": True,
        "intact": bool(status.intact),
        "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "timestamp_ok": timestamp_ok,
        "timestamp": timestamp.timestamp.isoformat() if timestamp is not None else None,
        "signer": status.signing_cert.subject.human_friendly,
        "coverage": status.coverage.name if status.coverage else None,
        "modification_level": status.modification_level.name if status.modification_level else None,
        "document_timestamps": len(reader.embedded_timestamp_signatures),
    }
    report["ok"] = bool(status.bottom_line) and timestamp_ok
    return report
