"""What wages plugs into the platform."""


def register() -> None:
    pass
