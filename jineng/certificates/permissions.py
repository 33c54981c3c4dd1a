"""Who sees and changes which certificates.

The programme office and leadership see the whole register; a district officer the certificates of the bodies in
their district; an evaluation body's staff those of their own body. The office suspends, reinstates and revokes
any certificate, a body its own; the office and bodies import. Verification is public (no capability).
"""

from django.db.models import Q

from jineng.accounts.permissions import (
    DISTRICT,
    EVALUATOR,
    LEADER,
    OFFICE,
    held_by,
    user_can,
    user_district_id,
)
from jineng.certificates.models import Certificate
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare


def _own_body(user, certificate) -> bool:
    return bool(user.organisation_id) and certificate.body.organisation_id == user.organisation_id


capabilities_declare("certificates", {
    "see": held_by(OFFICE, LEADER, DISTRICT, EVALUATOR),
    "see_all": held_by(OFFICE, LEADER),
    "see_district": held_by(DISTRICT),
    "see_own": held_by(EVALUATOR),
    "import": held_by(OFFICE, EVALUATOR),
    "change_status": held_by(OFFICE) | (held_by(EVALUATOR) & on_record(_own_body)),
    "manage_keys": held_by(OFFICE),
})


def certificate_scope(user) -> Q:
    if user_can(user, "certificates.see_all"):
        return Q()
    if user_can(user, "certificates.see_district"):
        district_id = user_district_id(user)
        return Q(body__district_id=district_id) if district_id else NOTHING
    if user_can(user, "certificates.see_own"):
        return Q(body__organisation_id=user.organisation_id) if user.organisation_id else NOTHING
    return NOTHING


scope_declare(Certificate, certificate_scope)


def can_change_status(user, certificate=None) -> bool:
    return user_can(user, "certificates.change_status", certificate)

