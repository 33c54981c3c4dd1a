"""What the claim and payment services share: the refusal for a missing right, numbers, conditional moves."""

import secrets
import string

from django.db import models

from jineng.core import exceptions

NUMBER_ALPHABET = "".join(c for c in string.digits + string.ascii_uppercase if c not in "01IOSZ")


class NotAllowed(exceptions.NotAllowed):
    """The user may see the record but not do this to it (403 from the API and from the pages)."""


def random_code(length: int = 6, *, rng=None) -> str:
    choose = rng.choice if rng is not None else secrets.choice
    return "".join(choose(NUMBER_ALPHABET) for _ in range(length))


def move(model: type[models.Model], pk: int, *, from_states, to: str, **fields) -> bool:
    """One conditional UPDATE: the row changes only if it is still in one of ``from_states``.

    Two requests racing to make the same move both run this; the database lets exactly one of them see
    rowcount 1, so the move (an approval, a payment) happens once.
    """
    return model.objects.filter(pk=pk, status__in=list(from_states)).update(status=to, **fields) == 1
