"""Domain exceptions shared by every module.

A service raises one of these when a business rule says no; the message is a sentence (gettext, Chinese by
default) a user can act on. One DRF exception handler and one view helper turn them into answers, each class
carrying its HTTP status: views and API classes never catch them by hand.
"""


class DomainError(Exception):
    """A business rule said no (400). Views show the message as is."""

    status_code = 400
    code = "invalid"


class NotAllowed(DomainError):
    """The user may not take this action on this record (403)."""

    status_code = 403
    code = "not_allowed"


class RecordNotFound(DomainError):
    """The record does not exist or lies outside the user's scope (404: missing and forbidden look alike)."""

    status_code = 404
    code = "not_found"


class InvalidState(DomainError):
    """The action does not apply to the record's current state (409)."""

    status_code = 409
    code = "invalid_state"


class ImportRejected(DomainError):
    """A file was refused as a whole; nothing was written. ``errors`` name the row and field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("；".join(errors[:20]) + ("……" if len(errors) > 20 else ""))
