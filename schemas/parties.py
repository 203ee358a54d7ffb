"""The people and organisations a document names: creditor, debtor, guarantor, contacts."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validates_schema

from schemas import messages as msg
from schemas.base import StrictSchema
from schemas.enums import ID_TYPES
from schemas.fields import (
    IDENTIFIER,
    SHAPE,
    Address,
    Choice,
    Email,
    Integer,
    Items,
    Name,
    Phone,
    Text,
)
from schemas.i18n import I18n
from schemas.identifiers import ID_NUMBER_SHAPE, USCC_SHAPE, id_number_error, validate_uscc


class CreditorSchema(StrictSchema):
    """The lender (甲方)."""

    name = Name(required=True)
    # Longer than 18 so a wrong length gets the USCC message, not a length message.
    uscc = Text(required=True, max_length=32, validate=validate_uscc, metadata={SHAPE: USCC_SHAPE})
    address = Address(required=True)
    phone = Phone(required=True)
    legal_representative = Name()
    email = Email()
    i18n = I18n(name=Name, address=Address, legal_representative=Name)


class PartySchema(StrictSchema):
    """A person or company bound by the debt: the debtor (乙方), a co-debtor or a guarantor (丙方).

    A company has id_type "uscc" and names its legal representative; a person has none.
    """

    name = Name(required=True)
    id_type = Choice(ID_TYPES, required=True)
    id_number = Text(
        required=True, max_length=32, metadata={IDENTIFIER: True, SHAPE: ID_NUMBER_SHAPE}
    )
    address = Address(required=True)
    phone = Phone()
    email = Email()
    legal_representative = Name()
    i18n = I18n(name=Name, address=Address, legal_representative=Name)

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _check_representative(self, data: dict[str, Any], original: Any, **kwargs: Any) -> None:
        """Require a company's legal representative, and refuse one for a person."""
        id_type = data.get("id_type")
        # the body's key, not the loaded value: a given but invalid name has its own error
        given = original if isinstance(original, dict) else {}
        representative = given.get("legal_representative")
        if id_type == "uscc" and representative is None:
            raise ValidationError(msg.LEGAL_REPRESENTATIVE_REQUIRED, "legal_representative")
        if id_type not in (None, "uscc") and representative is not None:
            raise ValidationError(msg.LEGAL_REPRESENTATIVE_PERSON, "legal_representative")

    @validates_schema(skip_on_field_errors=False)
    def _check_id_number(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Verify the ID number by the rules of its type."""
        id_type, number = data.get("id_type"), data.get("id_number")
        if id_type is None or number is None:
            return
        error = id_number_error(id_type, number)
        if error:
            raise ValidationError(error, "id_number")


class ContactSchema(StrictSchema):
    """Whom the debtor may call, and when."""

    name = Name(required=True)
    phone = Phone(required=True)
    hours = Text(required=True, max_length=100)
    i18n = I18n(name=Name, hours=lambda: Text(max_length=100))


class LawyerSchema(StrictSchema):
    """A lawyer who signs a lawyer's letter."""

    name = Name(required=True)
    license_number = Text(
        required=True, max_length=32, pattern=r"[0-9]{17}", description=msg.LICENSE_NUMBER
    )
    i18n = I18n(name=Name)


class LawFirmSchema(StrictSchema):
    """The law firm issuing a lawyer's letter on the creditor's behalf."""

    name = Name(required=True)
    address = Address(required=True)
    phone = Phone(required=True)
    lawyers = Items(fields.Nested(LawyerSchema), minimum=1, maximum=10, required=True)
    reply_days = Integer(minimum=1, maximum=90, required=True)
    i18n = I18n(name=Name, address=Address)


class MediatorSchema(StrictSchema):
    """The people's mediation committee and mediator of a mediated agreement."""

    organization = Name(required=True)
    name = Name(required=True)
    i18n = I18n(organization=Name, name=Name)
