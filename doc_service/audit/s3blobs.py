"""The S3 blob store: content-addressed objects, written once with a checksum."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from doc_service.audit.blobs import (
    CHUNK,
    BlobError,
    BlobNotFound,
    BlobStoreUnavailable,
    BlobStream,
    blob_key,
    sha256_hex,
    verified,
)

ENDPOINT_ENV = "DOC_SERVICE_S3_ENDPOINT_URL"
_MISSING = {"404", "NoSuchKey", "NotFound"}
_BUSY = {"SlowDown", "ServiceUnavailable", "InternalError", "RequestTimeout", "503", "500"}
_ALREADY_THERE = {"412", "PreconditionFailed", "409", "ConditionalRequestConflict"}


def make_s3_client(*, endpoint_url: str | None = None) -> Any:
    """Build a boto3 S3 client, honouring DOC_SERVICE_S3_ENDPOINT_URL."""
    import boto3

    return boto3.client("s3", endpoint_url=endpoint_url or os.environ.get(ENDPOINT_ENV) or None)


def _error_code(exc: Exception) -> str:
    """Return the S3 error code of a botocore ClientError, or ''."""
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


@contextlib.contextmanager
def _reachable(bucket: str) -> Iterator[None]:
    """Turn 'S3 cannot be reached or is overloaded' into BlobStoreUnavailable."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except BotoCoreError as exc:
        raise BlobStoreUnavailable(f"S3 bucket {bucket!r} is not reachable") from exc
    except ClientError as exc:
        if _error_code(exc) in _BUSY:
            raise BlobStoreUnavailable(f"S3 bucket {bucket!r} is unavailable") from exc
        raise


class S3BlobStore:
    """Keep blobs as objects `<prefix>/sha256/ab/cd/<hex>` in one bucket."""

    def __init__(self, *, bucket: str, prefix: str = "", client: Any) -> None:
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.client = client

    def __repr__(self) -> str:
        return f"S3BlobStore(bucket={self.bucket!r}, prefix={self.prefix!r})"

    def key_of(self, sha256: str) -> str:
        """Return the object key of a digest."""
        key = blob_key(sha256)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, data: bytes, *, sha256: str | None = None) -> str:
        """Store the bytes once and return their digest (``sha256``: already computed)."""
        with _reachable(self.bucket):
            return self._put(data, sha256)

    def get(self, sha256: str) -> bytes:
        """Return the verified bytes of a digest."""
        with _reachable(self.bucket):
            return self._get(sha256)

    def exists(self, sha256: str) -> bool:
        """Tell whether an object is stored under the digest."""
        with _reachable(self.bucket):
            return self._exists(sha256)

    def put_file(self, path: Path) -> str:
        """Store a file's bytes once, uploaded from the file, and return their digest."""
        sha256, md5 = hashlib.sha256(), hashlib.md5()  # noqa: S324 (S3's integrity header)
        with path.open("rb") as handle:
            while block := handle.read(CHUNK):
                sha256.update(block)
                md5.update(block)
        with _reachable(self.bucket), path.open("rb") as handle:
            return self._upload(sha256.hexdigest(), md5.digest(), handle)

    def stream(self, sha256: str) -> BlobStream:
        """Open an object to read in pieces, checked against its digest as it is read."""
        with _reachable(self.bucket):
            response = self._get_object(sha256)
        return BlobStream(sha256, int(response["ContentLength"]), response["Body"])

    def _put(self, data: bytes, sha256: str | None = None) -> str:
        """Store the bytes once and return their digest."""
        digest = sha256 or sha256_hex(data)
        return self._upload(digest, hashlib.md5(data).digest(), data)  # noqa: S324

    def _upload(self, digest: str, md5: bytes, body: bytes | BinaryIO) -> str:
        """Upload bytes or a file under their digest unless already there."""
        from botocore.exceptions import ClientError

        if self._exists(digest):
            return digest
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key_of(digest),
                Body=body,
                # S3 rejects the upload if the bytes it received do not match
                ChecksumSHA256=base64.b64encode(bytes.fromhex(digest)).decode("ascii"),
                ContentMD5=base64.b64encode(md5).decode("ascii"),
                # a concurrent writer of the same digest wins; its object is never overwritten
                IfNoneMatch="*",
            )
        except ClientError as exc:
            if _error_code(exc) not in _ALREADY_THERE:
                raise
        return digest

    def _get(self, sha256: str) -> bytes:
        """Return the verified bytes of a digest."""
        return verified(sha256, self._get_object(sha256)["Body"].read())

    def _get_object(self, sha256: str) -> dict[str, Any]:
        """Return S3's answer for a digest's object; BlobNotFound when there is none."""
        from botocore.exceptions import ClientError

        try:
            response: dict[str, Any] = self.client.get_object(
                Bucket=self.bucket, Key=self.key_of(sha256)
            )
        except ClientError as exc:
            if _error_code(exc) in _MISSING:
                raise BlobNotFound(sha256) from None
            raise
        return response

    def _exists(self, sha256: str) -> bool:
        """Tell whether an object is stored under the digest."""
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key_of(sha256))
        except ClientError as exc:
            if _error_code(exc) in _MISSING:
                return False
            raise
        return True

    def discard(self, sha256: str) -> None:
        """Remove an object no record references (the caller checks that)."""
        self.client.delete_object(Bucket=self.bucket, Key=self.key_of(sha256))

    def ping(self) -> None:
        """Raise unless the bucket is reachable."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            raise BlobError(f"S3 bucket {self.bucket!r} is not reachable: {exc}") from exc
