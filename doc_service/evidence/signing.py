"""PAdES signatures: sign an issued PDF as an incremental update, and validate one."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature

from doc_service.evidence.errors import SigningUnavailable
from doc_service.evidence.keys import validation_context

if TYPE_CHECKING:
    from doc_service.evidence.config import SigningConfig

FIELD_NAME = "DocServiceSignature"
# hex digits reserved for the CMS container: 16 KiB holds an RSA signature, its chain and the
# TSA's token with its chain
RESERVED_BYTES = 32 * 1024


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
