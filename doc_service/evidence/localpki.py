"""A throwaway CA, signer and RFC 3161 TSA on 127.0.0.1, for tests, benchmarks and demos."""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

_VALID_FROM = datetime(2020, 1, 1, tzinfo=UTC)
_VALID_FOR = timedelta(days=365 * 30)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Local Test PKI"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Certificate, rsa.RSAPrivateKey] | None,
    *,
    ca: bool = False,
    usage: x509.ObjectIdentifier | None = None,
) -> x509.Certificate:
    issuer_name = issuer[0].subject if issuer else _name(subject)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_FROM + _VALID_FOR)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if usage is not None:
        # RFC 3161 requires the timeStamping purpose to be the only one, and critical
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=True)
    signing_key = issuer[1] if issuer else key
    return builder.sign(signing_key, hashes.SHA256())


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@dataclass
class LocalPKI:
    """A root CA with a document-signing certificate and a TSA certificate under it."""

    root: x509.Certificate
    root_key: rsa.RSAPrivateKey
    signer: x509.Certificate
    signer_key: rsa.RSAPrivateKey
    tsa: x509.Certificate
    tsa_key: rsa.RSAPrivateKey

    @classmethod
    def create(cls, name: str = "Local") -> LocalPKI:
        """Make fresh keys and certificates."""
        root_key, signer_key, tsa_key = _key(), _key(), _key()
        root = _certificate(f"{name} Root CA", root_key, None, ca=True)
        signer = _certificate(f"{name} Document Signer", signer_key, (root, root_key))
        tsa = _certificate(
            f"{name} TSA", tsa_key, (root, root_key), usage=ExtendedKeyUsageOID.TIME_STAMPING
        )
        return cls(root, root_key, signer, signer_key, tsa, tsa_key)

    def write(self, directory: Path, password: str) -> dict[str, Path]:
        """Write the signer as PKCS#12 and as PEM (key + chain), and the root as PEM."""
        directory.mkdir(parents=True, exist_ok=True)
        p12 = pkcs12.serialize_key_and_certificates(
            b"signer",
            self.signer_key,
            self.signer,
            [self.root],
            serialization.BestAvailableEncryption(password.encode()),
        )
        key_pem = self.signer_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(password.encode()),
        )
        paths = {
            "p12": directory / "signer.p12",
            "pem": directory / "signer.pem",
            "roots": directory / "roots.pem",
        }
        paths["p12"].write_bytes(p12)
        paths["pem"].write_bytes(key_pem + _pem(self.signer) + _pem(self.root))
        paths["roots"].write_bytes(_pem(self.root))
        return paths

    @staticmethod
    def asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
        """Return a certificate as asn1crypto holds it (pyHanko's type)."""
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    def timestamper(self) -> DummyTimeStamper:
        """Return a pyHanko time stamper that answers as this PKI's TSA."""
        tsa_key = asn1_keys.PrivateKeyInfo.load(
            self.tsa_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        certs = [self.asn1(self.tsa), self.asn1(self.root)]
        return DummyTimeStamper(
            tsa_cert=certs[0],
            tsa_key=tsa_key,
            certs_to_embed=SimpleCertificateStore.from_certs(certs),
        )


class LocalTSA:
    """An RFC 3161 time-stamping service over HTTP on 127.0.0.1, in a daemon thread."""

    def __init__(self, pki: LocalPKI) -> None:
        stamper = pki.timestamper()
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                request = tsp.TimeStampReq.load(self.rfile.read(length))
                body = stamper.request_tsa_response(request).dump()
                outer.requests += 1
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
