"""Address sheets for the print file: the addressee placed for the window of a DL envelope.

A sheet is an A4 page folded in three into a DL envelope (110 x 220 mm) whose window sits
20 mm from the left and 45 mm from the top, 90 x 45 mm (DIN 680 / DIN 5008 form B): the
sender's line and the addressee's name and postal address are set inside that field, and the
case and document below the fold so the mail room can match sheet and letter.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from weasyprint import CSS, HTML

from doc_service.render.compiled import CompiledTemplate
from doc_service.render.fetcher import TEMPLATE_BASE_URL

# the i18n key a locale's edition prints its names and addresses from (schemas/i18n.py)
I18N_LANGUAGE = {"en-GB": "en", "en-US": "en", "zh-HK": "zh-Hant", "zh-TW": "zh-Hant"}
SHEET_CSS = """
@page { size: A4; margin: 0; @bottom-center { content: none; } }
body { margin: 0; }
.window { position: absolute; left: 25mm; top: 47mm; width: 80mm; height: 40mm;
          overflow: hidden; line-height: 1.35; }
.sender { font-size: 7pt; color: #333; border-bottom: 0.3pt solid #555; margin-bottom: 2.5mm;
          white-space: nowrap; overflow: hidden; }
.addressee { font-size: 11pt; }
.addressee p { margin: 0; text-indent: 0; }
.name { font-weight: 700; }
.reference { position: absolute; left: 25mm; top: 120mm; font-size: 8pt; color: #444; }
.reference p { margin: 0; text-indent: 0; }
section { page-break-after: always; position: relative; height: 297mm; }
section:last-child { page-break-after: auto; }
"""


@dataclass(frozen=True)
class Addressee:
    """Whom a letter goes to and what the mail room matches it by."""

    locale: str
    name: str
    address: str
    sender: str
    case_id: str
    document_type: str
    document_id: str


def printed(party: dict[str, Any], key: str, locale: str) -> str:
    """Return a party's value as the letter's edition prints it (its translation if given)."""
    language = I18N_LANGUAGE.get(locale)
    translated = (party.get("i18n") or {}).get(language or "", {}).get(key)
    return str(translated or party.get(key) or "")


def addressee_of(request_json: str, document_id: str) -> Addressee:
    """Return the addressee of a stored batch item: the debtor, from the creditor."""
    request = json.loads(request_json)
    case, locale = request["case"], request["locale"]
    debtor, creditor = case.get("debtor") or {}, case.get("creditor") or {}
    sender = " ".join(
        filter(None, (printed(creditor, "name", locale), printed(creditor, "address", locale)))
    )
    return Addressee(
        locale=locale,
        name=printed(debtor, "name", locale),
        address=printed(debtor, "address", locale),
        sender=sender,
        case_id=str(case.get("case_id", "")),
        document_type=request["document_type"],
        document_id=document_id,
    )


def sheet_html(addressees: list[Addressee]) -> str:
    """Return the markup of one sheet per addressee, in the first one's language."""
    sections = []
    for person in addressees:
        name, address = escape(person.name), escape(person.address)
        # Chinese post reads address first and the name last ("… 收"); Western post the reverse
        lines = (
            f'<p class="name">{name}</p><p>{address}</p>'
            if person.locale.startswith("en")
            else f'<p>{address}</p><p class="name">{name} 收</p>'
        )
        sections.append(
            f'<section lang="{escape(person.locale)}"><div class="window">'
            f'<div class="sender">{escape(person.sender)}</div>'
            f'<div class="addressee">{lines}</div></div>'
            f'<div class="reference"><p>{escape(person.case_id)} · '
            f"{escape(person.document_type)}</p><p>{escape(person.document_id)}</p></div>"
            "</section>"
        )
    language = escape(addressees[0].locale) if addressees else "zh-CN"
    return f'<!doctype html><html lang="{language}"><body>{"".join(sections)}</body></html>'


def render_sheets(template: CompiledTemplate, addressees: list[Addressee]) -> bytes:
    """Return a PDF of one address sheet per addressee, in order, with the letters' faces."""
    style = template.pdf_style
    sheets = [*style.stylesheets, CSS(string=SHEET_CSS, font_config=style.font_config)]
    document = HTML(
        string=sheet_html(addressees), base_url=TEMPLATE_BASE_URL, url_fetcher=template.fetcher
    ).render(stylesheets=sheets, font_config=style.font_config)
    return bytes(document.write_pdf())
