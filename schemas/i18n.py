"""`i18n`: an object's printed text in the reader's language, {"en": {...}, "zh-Hant": {...}}."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields

from schemas import messages as msg
from schemas.base import StrictSchema
from schemas.errors import ErrorTree

# The languages an edition reads: en for en-US and en-GB, zh-Hant for zh-HK and zh-TW.
I18N_LANGUAGES = ("en", "zh-Hant")


class _Languages(StrictSchema):
    """The language keys of an i18n object; any other key names an unsupported language."""

    error_messages = {"unknown": msg.I18N_LANGUAGE}  # noqa: RUF012 (marshmallow reads it)


def I18n(**keys: Callable[[], fields.Field]) -> fields.Nested:
    """Build the optional `i18n` field of an object whose printed keys are `keys`.

    Each value builds a fresh field of the same type as the object's own key (a Name, a list of
    FreeText…), never required: a translation may cover some keys only.
    """
    return fields.Nested(_languages_schema(keys))


# One schema class per set of keys, so the OpenAPI document names each shape once.
_SCHEMAS: dict[tuple[str, ...], type[Schema]] = {}


def _languages_schema(keys: dict[str, Callable[[], fields.Field]]) -> type[Schema]:
    """Return the schema of {"en": {...keys}, "zh-Hant": {...keys}} for these keys."""
    names = tuple(keys)
    if names not in _SCHEMAS:
        suffix = "".join(name.title().replace("_", "") for name in names)
        languages: dict[str, fields.Field] = {
            language: fields.Nested(
                StrictSchema.from_dict(
                    {key: make() for key, make in keys.items()},
                    name=f"I18n{suffix}{language.replace('-', '').title()}",
                )
            )
            for language in I18N_LANGUAGES
        }
        _SCHEMAS[names] = _Languages.from_dict(languages, name=f"I18n{suffix}")
    return _SCHEMAS[names]


def check_list_lengths(data: dict[str, Any], *keys: str) -> None:
    """Require a translated list to have as many items as the list it translates."""
    errors = ErrorTree()
    translations = data.get("i18n") or {}
    for language, values in translations.items():
        for key in keys:
            if key in values and len(values[key]) != len(data.get(key) or ()):
                errors.add(
                    ("i18n", language, key), msg.I18N_LIST_LENGTH.format(n=len(data.get(key) or ()))
                )
    errors.raise_if_any()
