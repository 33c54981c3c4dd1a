"""What the claim and payment services share: the refusal for a missing right, numbers."""

import secrets
import string

from jineng.core.exceptions import NotAllowed

__all__ = ["NotAllowed", "random_code"]

NUMBER_ALPHABET = "".join(c for c in string.digits + string.ascii_uppercase if c not in "01IOSZ")


def random_code(length: int = 6, *, rng=None) -> str:
    choose = rng.choice if rng is not None else secrets.choice
    return "".join(choose(NUMBER_ALPHABET) for _ in range(length))
