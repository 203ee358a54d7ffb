"""WeasyPrint's only way out: files of the template snapshot and data: URLs, nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from typing import Any

from weasyprint.urls import URLFetcher, URLFetcherResponse

from doc_service.render.faces import load_face, pinned_faces

# A base URL that names no real directory: relative links resolve against the snapshot.
TEMPLATE_BASE_URL = "file:///doc-service-template/"


class FetchRefused(ValueError):
    """Raised for any URL outside the template snapshot."""


class SnapshotFetcher(URLFetcher):
    """Serve template files from memory and the faces they pin; refuse anything else."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        super().__init__(allowed_protocols=["data", "file"], allow_redirects=False)
        self._files = files
        # built faces are served only as the snapshot pins them, digest checked
        self._faces = pinned_faces(files)

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Return a snapshot file, a pinned face or a data: URL; refuse every other URL."""
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(TEMPLATE_BASE_URL):
            path = url[len(TEMPLATE_BASE_URL) :].split("?")[0].split("#")[0]
            body = self._files.get(path)
            if body is None and path in self._faces:
                body = load_face(self._faces[path])
            if body is not None:
                media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})
        raise FetchRefused(f"fetching {url[:80]!r} is not allowed")
