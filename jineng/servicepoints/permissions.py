"""Who keeps the service-point register and reads the planner's view.

The programme office keeps every district's points; a district government keeps its own district's only
(another district's point is a 404, as if missing). The public map and circle need no login and read the
public list (``selectors.public_points``), never the register's scope.
"""

from django.db.models import Q

from jineng.accounts.permissions import DISTRICT, OFFICE, held_by, user_can, user_district_id
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.servicepoints.models import ServicePoint


def _own_district(user, point) -> bool:
    return point.district_id == user_district_id(user)


capabilities_declare("servicepoints", {
    "keep": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_own_district)),
    "keep_all": held_by(OFFICE),
    "plan": held_by(OFFICE, DISTRICT),
})


def point_scope(user) -> Q:
    if user_can(user, "servicepoints.keep_all"):
        return Q()
    if user_can(user, "servicepoints.keep"):
        district_id = user_district_id(user)
        return Q(district_id=district_id) if district_id else NOTHING
    return NOTHING


scope_declare(ServicePoint, point_scope)
