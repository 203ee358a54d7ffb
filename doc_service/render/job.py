"""What to render and what came out: the two values every renderer deals in."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RenderJob:
    """What to render: a validated case in one type, format and locale."""

    document_type: str
    format: str
    locale: str
    case: dict[str, Any]
    payload_sha256: str
    specimen: bool = False
    # compliance findings printed on a specimen so reviewers see them; never on issued documents
    notes: tuple[str, ...] = ()
    # issued PDFs: "pdf/a-3u" with the canonical case (payload_json) embedded; None: plain PDF
    pdf_variant: str | None = None
    payload_json: str | None = field(default=None, repr=False)
    # issued documents: the id allocated before rendering and the public address of /verify,
    # printed as the recipient's verification code and QR code (render/verification.py)
    document_id: str | None = None
    public_url: str | None = None


@dataclass(frozen=True)
class Rendered:
    """The bytes of one rendered document and the template version that made them."""

    content: bytes
    media_type: str
    format: str
    template_id: str
    template_version: str

    @property
    def sha256(self) -> str:
        """Return the hex SHA-256 of the bytes."""
        return hashlib.sha256(self.content).hexdigest()
