"""Marshmallow schemas of the request contract: parse and validate, nothing else."""

from __future__ import annotations

from schemas.case import CaseSchema
from schemas.errors import flatten_errors
from schemas.request import DocumentRequestSchema

__all__ = ["CaseSchema", "DocumentRequestSchema", "flatten_errors"]
