"""REST API of this module; ``register`` adds its viewsets to the /api/v1/ router."""

from django.urls import path  # noqa: F401

extra_urls: list = []


def register(router) -> None:
    return None
