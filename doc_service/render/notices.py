"""Values of the delivery statement, the enclosures, the calculation basis and the reply slip."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from doc_service.formatting import mask_phone

# the methods whose statement names the address the letter went to
ADDRESSED = ("ems", "registered_mail", "courier", "in_person")


def notice_values(
    case: dict[str, Any], f: Any, item_labels: dict[str, str], mask: bool
) -> dict[str, Any]:
    """Return what the notices' blocks place: None or False where the case has nothing."""
    options = case.get("options") or {}
    return {
        "delivery": _delivery(case, f, mask),
        "enclosures": [dict(item) for item in case.get("enclosures") or ()],
        "calculation": _calculation(case["arrears"].get("calculation"), f, item_labels),
        "reply_slip": bool(options.get("reply_slip")),
        "credit_report_notice": bool(options.get("credit_report_notice")),
        # who the reply slip goes back to: whoever signs the letter
        "reply_to": _reply_to(case),
    }


def _delivery(case: dict[str, Any], f: Any, mask: bool) -> dict[str, Any] | None:
    """Return the delivery statement's facts; a postal letter goes to the debtor's address."""
    delivery = case.get("delivery")
    if not delivery:
        return None
    method = delivery["method"]
    debtor = case["debtor"]
    address = delivery.get("address")
    if address is None and method in ADDRESSED and method != "in_person":
        address = debtor["address"]
    phone = debtor.get("phone") if method == "sms_link" else None
    return {
        "method": method,
        "tracking_number": delivery.get("tracking_number"),
        "carrier": delivery.get("carrier"),
        "address": address,
        "email": delivery.get("email"),
        "phone": (mask_phone(phone) if mask else phone) if phone else None,
        "sent_on": f.date(delivery.get("sent_on")),
    }


def _calculation(
    rows: list[dict[str, Any]] | None, f: Any, item_labels: dict[str, str]
) -> dict[str, Any] | None:
    """Return the calculation-basis table: one row per line, and the sum of the amounts."""
    if not rows:
        return None
    total = sum((row["amount"] for row in rows), start=Decimal("0.00"))
    return {
        "rows": [
            {
                "item": row["item"],
                "label": item_labels[row["item"]],
                "base": f.figure(row["base"]),
                "rate": f.rate(row["rate"]),
                "from": f.date(row["from"]),
                "to": f.date(row["to"]),
                "amount": f.figure(row["amount"]),
            }
            for row in rows
        ],
        "total_figure": f.figure(total),
    }


def _reply_to(case: dict[str, Any]) -> dict[str, Any]:
    """Return the name, address and phone a reply slip is returned to."""
    signer = case.get("law_firm") or case["creditor"]
    return {"name": signer["name"], "address": signer["address"], "phone": signer["phone"]}
