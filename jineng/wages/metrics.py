"""Desk metrics of the wage survey, the SOE commitments and the district survey."""


def register() -> None:
    pass
