"""Load the signing key with its certificate chain, and the roots its signatures chain to."""

from __future__ import annotations

from pathlib import Path

from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.sign import signers
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from doc_service.evidence.errors import SigningUnavailable


def load_signer(path: Path, password: str | None) -> signers.SimpleSigner:
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


def trusted_roots(
    signer: signers.SimpleSigner, trust_roots: str | None
) -> tuple[asn1_x509.Certificate, ...]:
    """Return the configured trust roots, or the self-signed certificates of the signer's chain."""
    if trust_roots:
        return tuple(load_certs_from_pemder_data(Path(trust_roots).read_bytes()))
    registry = signer.cert_registry or ()
    return tuple(c for c in registry if c.self_signed)


def validation_context(roots: tuple[asn1_x509.Certificate, ...]) -> ValidationContext:
    """Trust these roots only; offline, so a missing revocation endpoint is not a failure."""
    return ValidationContext(trust_roots=list(roots), allow_fetching=False)
