"""Identifier checks for Django code: the pure functions of ``core.engine.identifiers`` and field validators.

Engines import ``jineng.core.engine.identifiers`` directly (import-linter keeps them free of Django); services,
forms and models may use either name.
"""

from django.core.exceptions import ValidationError

from jineng.core.engine.identifiers import (
    USCC_ALPHABET,
    InvalidIdentifier,
    ResidentId,
    resident_id_check_char,
    resident_id_mask,
    resident_id_normalise,
    resident_id_parse,
    synthetic_resident_id,
    synthetic_uscc,
    uscc_check_char,
    uscc_normalise,
    uscc_org_code_warning,
    uscc_validate,
)
from jineng.core.messages import message_text

__all__ = [
    "USCC_ALPHABET", "InvalidIdentifier", "ResidentId", "resident_id_check_char", "resident_id_mask",
    "resident_id_normalise", "resident_id_parse", "synthetic_resident_id", "synthetic_uscc", "uscc_check_char",
    "uscc_normalise", "uscc_org_code_warning", "uscc_validate", "validate_resident_id", "validate_uscc",
]


def validate_resident_id(value: str) -> None:
    try:
        resident_id_parse(value)
    except InvalidIdentifier as error:
        raise ValidationError(message_text(error.message), code="invalid") from error


def validate_uscc(value: str) -> None:
    try:
        uscc_validate(value)
    except InvalidIdentifier as error:
        raise ValidationError(message_text(error.message), code="invalid") from error
