class DomainError(Exception):
    """A business rule said no. The message is Chinese a user can act on; views show it as is."""


class ImportRejected(DomainError):
    """A file was refused as a whole; nothing was written. ``errors`` name the row and field."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("；".join(errors[:20]) + ("……" if len(errors) > 20 else ""))
