"""Check-character validation of Chinese registration and identity numbers."""

from __future__ import annotations

import re

from marshmallow import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from schemas import messages as msg

# Exact shapes first: stdnum would otherwise accept lower case, spaces and hyphens by compacting.
_USCC = re.compile(r"[0-9A-Z]{18}")
_RIC = re.compile(r"[0-9]{17}[0-9X]")
_OTHER_ID = re.compile(r"[A-Za-z0-9-]{1,32}")
USCC_SHAPE = _USCC.pattern
# every id_type's number has this shape; a resident ID's is narrower (RIC_INVALID)
ID_NUMBER_SHAPE = _OTHER_ID.pattern


def validate_uscc(value: str) -> None:
    """Raise unless `value` is an 18-character USCC whose check character matches."""
    if not _USCC.fullmatch(value):
        raise ValidationError(msg.USCC_INVALID)
    try:
        uscc.validate(value)
    except stdnum_errors.InvalidChecksum as exc:
        raise ValidationError(msg.USCC_CHECK) from exc
    except stdnum_errors.ValidationError as exc:
        raise ValidationError(msg.USCC_INVALID) from exc


def resident_id_error(value: str) -> str | None:
    """Return why `value` is not a valid resident ID number, or None."""
    if not _RIC.fullmatch(value):
        return msg.RIC_INVALID
    try:
        ric.validate(value)
    except stdnum_errors.InvalidChecksum:
        return msg.RIC_CHECK
    except stdnum_errors.InvalidComponent:
        return msg.RIC_REGION if _birth_date_ok(value) else msg.RIC_BIRTH_DATE
    except stdnum_errors.ValidationError:
        return msg.RIC_INVALID
    return None


def _birth_date_ok(value: str) -> bool:
    """Tell whether the birth-date digits of a resident ID form a real date."""
    try:
        ric.get_birth_date(value)
    except stdnum_errors.ValidationError:
        return False
    return True


def id_number_error(id_type: str, value: str) -> str | None:
    """Return why `value` is not a valid number for `id_type`, or None."""
    if id_type == "resident_id":
        return resident_id_error(value)
    if id_type == "uscc":
        try:
            validate_uscc(value)
        except ValidationError as exc:
            return str(exc.messages[0])
        return None
    if not _OTHER_ID.fullmatch(value):
        return msg.PATTERN.format(description=msg.OTHER_ID_NUMBER)
    return None
