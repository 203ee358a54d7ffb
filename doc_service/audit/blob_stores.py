"""Choose the blob store a URL names: a directory (`file://`) or an S3 bucket (`s3://`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from doc_service.audit.blobs import BlobStore, FileBlobStore


def blob_store_from_url(url: str, *, endpoint_url: str | None = None) -> BlobStore:
    """Build the blob store a `file://` or `s3://bucket/prefix` URL names."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        # file:///abs, file://./relative and file://relative all name a directory
        host = "" if parts.netloc in ("", "localhost") else parts.netloc
        return FileBlobStore(unquote(host + parts.path))
    if parts.scheme == "s3":
        # imported here: boto3 is only needed where S3 is configured
        from doc_service.audit.s3blobs import S3BlobStore, make_s3_client

        if not parts.netloc:
            raise ValueError(f"s3 blob URL needs a bucket: {url!r}")
        client: Any = make_s3_client(endpoint_url=endpoint_url)
        return S3BlobStore(bucket=parts.netloc, prefix=parts.path.strip("/"), client=client)
    raise ValueError(f"unsupported blob store URL {url!r}: use file:// or s3://")
