"""A worker sees their own records and files their own claims; nobody else uses these pages.

Every read of the pages goes through the signed-in account's person (``user.person_id``): another person's
training record, certificate or claim is never found (404). The district's review of the claims a worker files
is the subsidies app's (``subsidies.review_claim``).
"""

from jineng.accounts.permissions import WORKER, held_by
from jineng.core.capabilities import capabilities_declare

capabilities_declare("workers", {
    "see_own": held_by(WORKER),
    "claim": held_by(WORKER),
})
