"""RFC 3161 timestamp tokens over a digest: ask the TSA for one, and check one offline."""

from __future__ import annotations

import asyncio
from typing import Any

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko.sign.validation.status import TimestampSignatureStatus

from doc_service.evidence.errors import SigningUnavailable
from doc_service.evidence.keys import validation_context


def request_token(tsa_url: str, digest_hex: str) -> bytes:
    """Return the DER timestamp token the TSA signs over this SHA-256 digest."""
    stamper = RequestsHTTPTimeStamper(tsa_url, timeout=30)
    try:
        token = asyncio.run(stamper.async_timestamp(bytes.fromhex(digest_hex), "sha256"))
    except Exception as exc:  # no anchor without a token
        raise SigningUnavailable(f"the TSA gave no token: {type(exc).__name__}") from exc
    return bytes(token.dump())


def token_certificates(token: bytes) -> list[asn1_x509.Certificate]:
    """Return the certificates the token carries (the TSA's and its chain)."""
    signed_data = cms.ContentInfo.load(token)["content"]
    return [c.chosen for c in signed_data["certificates"] or () if c.name == "certificate"]


def check_token(
    token: bytes, digest_hex: str, roots: tuple[asn1_x509.Certificate, ...]
) -> dict[str, Any]:
    """Tell whether the token is intact, stamps exactly this digest and chains to ``roots``."""
    try:
        signed_data = cms.ContentInfo.load(token)["content"]
        imprint = bytes.fromhex(digest_hex)
        kwargs = asyncio.run(
            validate_tst_signed_data(signed_data, validation_context(roots), lambda _alg: imprint)
        )
        status = TimestampSignatureStatus(**kwargs)
    except Exception as exc:  # a damaged token is a verdict, not a crash
        return {"ok": False, "error": type(exc).__name__}
    return {
        "ok": bool(status.intact and status.valid and status.trusted),
        "intact": bool(status.intact),
        "trusted": bool(status.trusted),
        "time": status.timestamp.isoformat(),
        "tsa": status.signing_cert.subject.human_friendly,
    }
