"""The printed text fields of the case, read off the schemas so a new field is never missed."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from marshmallow import Schema, fields, validate

from schemas.case import CaseSchema
from schemas.fields import IDENTIFIER, Text


def _is_vocabulary(field: fields.Field) -> bool:
    """Tell whether a string field only takes one of a closed list of words."""
    return any(isinstance(check, validate.OneOf) for check in field.validators)


def _walk(field: fields.Field, path: str) -> Iterator[tuple[str, fields.Field]]:
    """Yield (dotted path, Text field) under `field`; `*` stands for any list index."""
    if isinstance(field, fields.Nested):
        yield from _walk_schema(field.schema, path)
    elif isinstance(field, fields.List):
        yield from _walk(field.inner, f"{path}.*")
    elif isinstance(field, Text) and not _is_vocabulary(field):
        yield path, field


def _walk_schema(schema: Schema, prefix: str) -> Iterator[tuple[str, fields.Field]]:
    for name, field in schema.declared_fields.items():
        yield from _walk(field, f"{prefix}.{name}" if prefix else name)


@cache
def text_fields() -> tuple[tuple[str, bool], ...]:
    """Return (path under `case`, is an identifier) for every free string of the case.

    Every string the payload may carry into a document, i18n values included; closed
    vocabularies (id_type, jurisdiction_basis, …) are left out: they cannot carry wording.
    """
    return tuple(
        (path, bool(field.metadata.get(IDENTIFIER)))
        for path, field in _walk_schema(CaseSchema(), "")
    )
