"""The recipient's verification code and QR code, printed at the foot of the last page.

The code is the first 60 bits of the document id in Crockford base32 (``7K3M-9QXR-2TAB``): short
enough to type into /verify, and the service keeps ids unique on those bits. The QR code holds
the public URL of the document's /verify page. Specimens print placeholders, never a code.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import segno
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

if TYPE_CHECKING:
    from doc_service.render.compiled import CompiledTemplate
    from doc_service.render.job import RenderJob

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_SYMBOLS = 12
# the hex digits of the id a code stands for: 12 symbols of 5 bits are 60 bits
PREFIX_HEX = CODE_SYMBOLS * 5 // 4
PLACEHOLDER_CODE = "XXXX-XXXX-XXXX"
# what a reader may mistype for a symbol (Crockford's decoding), separators dropped
_READS_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
_HEX_ID = re.compile(r"[0-9a-f]{32}")
# what stands for an image in a DOCX template's context: (PNG, width, height) -> placed image
PlaceImage = Callable[[bytes, int, int], Any]
QR_MODULE_PX = 8  # the DOCX's PNG: 8 pixels a module, sharp when Word scales it to 18 mm


def verification_code(document_id: str) -> str:
    """Return the typed code of a document id, in three groups of four."""
    bits = int(document_id[:PREFIX_HEX], 16)
    symbols = "".join(
        ALPHABET[(bits >> shift) & 31] for shift in range(5 * (CODE_SYMBOLS - 1), -1, -5)
    )
    return "-".join(symbols[i : i + 4] for i in range(0, CODE_SYMBOLS, 4))


def id_prefix(code: str) -> str | None:
    """Return the id prefix a typed code stands for, or None when it is no code."""
    symbols = code.upper().translate(_READS_AS)
    if len(symbols) != CODE_SYMBOLS or any(s not in ALPHABET for s in symbols):
        return None
    bits = 0
    for symbol in symbols:
        bits = bits << 5 | ALPHABET.index(symbol)
    return format(bits, f"0{PREFIX_HEX}x")


def is_document_id(text: str) -> bool:
    """Tell whether a path segment is a full document id rather than a typed code."""
    return _HEX_ID.fullmatch(text) is not None


def verify_url(public_url: str, document_id: str) -> str:
    """Return the /verify page of a document on the service's public address."""
    return f"{public_url.rstrip('/')}/verify/{document_id}"


def verification_values(job: RenderJob, template: CompiledTemplate) -> dict[str, Any] | None:
    """Return what the footer places: None for versions that print no code and for renders
    that issue nothing; placeholders for specimens."""
    if not template.settings.verification_code:
        return None
    if job.document_id is None and not job.specimen:
        return None  # a render nobody receives (warm-up, benchmarks): no code to print
    if job.specimen or job.document_id is None:
        return dict.fromkeys(("url", "page", "qr_svg", "qr_png", "qr_image"), None) | {
            "code": PLACEHOLDER_CODE
        }
    url = verify_url(job.public_url, job.document_id) if job.public_url else None
    values: dict[str, Any] = {
        "code": verification_code(job.document_id),
        "url": url,
        "page": f"{job.public_url.rstrip('/')}/verify" if job.public_url else None,
        "qr_svg": None,
        "qr_png": None,
        "qr_image": None,  # the DOCX's image of qr_png (with_docx_image)
    }
    if url is not None:
        qr = segno.make(url, error="m", micro=False, mask=template.settings.qr_mask)
        if job.format == "docx":
            buffer = io.BytesIO()
            qr.save(buffer, kind="png", scale=QR_MODULE_PX, border=0)
            values["qr_png"] = buffer.getvalue()
        else:
            values["qr_svg"] = qr.svg_data_uri(border=0, omitsize=True)
    return values


def with_docx_image(context: dict[str, Any], place: PlaceImage) -> dict[str, Any]:
    """Return the context with the QR code's PNG as an image the DOCX places (18 mm square)."""
    values = context.get("verification")
    if not values or not values.get("qr_png"):
        return context
    image = place(values["qr_png"], Mm(18), Mm(18))
    return {**context, "verification": {**values, "qr_image": image}}


def inline_image(document: DocxTemplate) -> PlaceImage:
    """Return how docxtpl places an image in this document (an InlineImage)."""

    def place(image: bytes, width: int, height: int) -> Any:
        return InlineImage(document, io.BytesIO(image), width=width, height=height)

    return place
