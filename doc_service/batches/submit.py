"""Turn a submitted batch into planned items: every item validated up front, by index."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import rfc8785

from doc_service.api.problems import INVALID_PAYLOAD, validation_problem
from doc_service.batches.callback import CallbackRefused, check_url
from doc_service.batches.models import ADDRESS_SHEET, OUTPUTS
from doc_service.batches.store import PlannedItem
from doc_service.documents import DocumentRequest, InvalidRequest, UnsupportedLocale, validate_body
from doc_service.render.formats import ISSUABLE_FORMATS
from doc_service.render.registry import TemplateRegistry, UnknownTemplate
from schemas import messages as msg

ON_INVALID = ("reject", "skip")


@dataclass
class BatchPlan:
    """A batch ready to store: options, planned items, and the errors of the invalid ones."""

    outputs: list[str]
    callback_url: str | None
    on_invalid: str
    items: list[PlannedItem] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        """Hash what makes two submissions 'the same batch' for Idempotency-Key."""
        summary = {
            "outputs": self.outputs,
            "callback_url": self.callback_url,
            "items": [item.request_json for item in self.items],
        }
        return hashlib.sha256(rfc8785.dumps(summary)).hexdigest()


def read_options(options: dict[str, Any], settings: dict[str, Any]) -> BatchPlan:
    """Check the batch's options; InvalidRequest names the bad ones."""
    errors: dict[str, list[str]] = {}
    outputs = options.get("outputs") or []
    if not isinstance(outputs, list) or not all(o in OUTPUTS for o in outputs):
        errors["outputs"] = [msg.ONE_OF.format(choices=", ".join(OUTPUTS))]
    on_invalid = options.get("on_invalid") or "reject"
    if on_invalid not in ON_INVALID:
        errors["on_invalid"] = [msg.ONE_OF.format(choices=", ".join(ON_INVALID))]
    callback_url = options.get("callback_url")
    if callback_url is not None:
        try:
            if not isinstance(callback_url, str):
                raise CallbackRefused("the callback URL must be a string")
            check_url(callback_url, settings)
        except CallbackRefused as exc:
            errors["callback_url"] = [str(exc)]
    address_sheet = read_print_options(options.get("print_pdf"), outputs, errors)
    if errors:
        raise InvalidRequest(errors)
    stored = sorted(set(outputs)) + ([ADDRESS_SHEET] if address_sheet else [])
    return BatchPlan(stored, callback_url, str(on_invalid))


def read_print_options(options: Any, outputs: Any, errors: dict[str, list[str]]) -> bool:
    """Check `print_pdf` ({"address_sheet": bool}); return whether sheets go before letters."""
    if options is None:
        return False
    if not isinstance(options, dict):
        errors["print_pdf"] = ['an object: {"address_sheet": true}']
        return False
    for key in options:
        if key != "address_sheet":
            errors[f"print_pdf.{key}"] = [msg.UNKNOWN_FIELD]
    chosen = options.get("address_sheet", False)
    if not isinstance(chosen, bool):
        errors["print_pdf.address_sheet"] = ["true or false"]
        return False
    if chosen and (not isinstance(outputs, list) or "print_pdf" not in outputs):
        errors["print_pdf.address_sheet"] = [msg.NEEDS_PRINT_PDF]
    return chosen


def check_item(item: Any, templates: TemplateRegistry, locale: str | None) -> DocumentRequest:
    """Validate one item as POST /v1/documents would; InvalidRequest names its bad fields."""
    if not isinstance(item, dict):
        raise InvalidRequest({"": ["each item must be a JSON object (a document request)"]})
    data = validate_body(item)
    if data["format"] not in ISSUABLE_FORMATS:
        raise InvalidRequest({"format": [msg.ONE_OF.format(choices=", ".join(ISSUABLE_FORMATS))]})
    chosen = data.get("locale") or locale
    if chosen is None:
        choices = ", ".join(templates.locales_of(data["document_type"]))
        raise InvalidRequest({"locale": [msg.NO_LOCALE.format(choices=choices)]})
    try:
        templates.current(data["document_type"], chosen)
    except UnknownTemplate:
        raise UnsupportedLocale(
            data["document_type"], templates.locales_of(data["document_type"])
        ) from None
    return DocumentRequest(data["document_type"], data["format"], chosen, data["case"])


def stored_request(request: DocumentRequest) -> str:
    """Return what the worker issues: the request with its case in canonical form."""
    body = {
        "document_type": request.document_type,
        "format": request.format,
        "locale": request.locale,
        "case": json.loads(request.canonical[0]),
    }
    return rfc8785.dumps(body).decode("utf-8")


def plan_items(
    plan: BatchPlan, items: list[Any], templates: TemplateRegistry, locale: str | None
) -> BatchPlan:
    """Validate every item; record errors as 'items.<index>.<path>'."""
    for index, item in enumerate(items):
        try:
            request = check_item(item, templates, locale)
        except InvalidRequest as exc:
            paths = {
                ".".join(filter(None, ("items", str(index), p))): m for p, m in exc.errors.items()
            }
            plan.errors.update(paths)
            problem = validation_problem(exc.errors, title=exc.title or INVALID_PAYLOAD).body()
            plan.items.append(PlannedItem(index, None, problem))
            continue
        plan.items.append(PlannedItem(index, stored_request(request)))
    return plan
