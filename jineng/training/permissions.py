"""Who sees and runs which institutions, classes and training records.

Institution users see and manage their own institution only (``RUN_TRAINING``); district officers
(``SUPERVISE_TRAINING``) see the institutions of their district, read-only; the programme office and the leadership
see all, and the programme office records inspections and registers institutions. Everyone else sees nothing.
"Missing" and "forbidden" are the same 404 (``get_<thing>_for_user``).
"""
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from jineng.accounts import permissions
from jineng.accounts.choices import Role
from jineng.training.models import Enrolment, Institution, TrainingClass, TrainingImport

NOTHING = Q(pk__in=[])


def own_institution(user) -> Institution | None:
    """The institution an institution user works for (through their organisation), or None."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.INSTITUTION_USER or not user.organisation_id:
        return None
    return Institution.objects.filter(organisation_id=user.organisation_id).select_related("district").first()


def can_see_training(user) -> bool:
    return permissions.user_can(user, permissions.SUPERVISE_TRAINING) or permissions.user_can(
        user, permissions.RUN_TRAINING)


def can_run_training(user) -> bool:
    return permissions.user_can(user, permissions.RUN_TRAINING) and own_institution(user) is not None


def can_register_institutions(user) -> bool:
    return permissions.user_can(user, permissions.MANAGE_PLAN)


def can_inspect(user) -> bool:
    """Inspections are recorded by the programme office (district officers read)."""
    return permissions.user_can(user, permissions.MANAGE_PLAN)


def can_reveal(user) -> bool:
    return permissions.user_can(user, permissions.REVEAL_RESIDENT_IDS)


def institution_scope(user, *, prefix: str = "") -> Q:
    """A filter on Institution (or, with a prefix such as "institution__", on what hangs from it)."""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY) and permissions.user_can(
            user, permissions.SUPERVISE_TRAINING):
        return Q()
    if user.role == Role.DISTRICT_OFFICER and permissions.user_can(user, permissions.SUPERVISE_TRAINING):
        district_id = user.organisation.district_id if user.organisation_id else None
        return Q(**{f"{prefix}district_id": district_id}) if district_id else NOTHING
    if user.role == Role.INSTITUTION_USER and user.organisation_id:
        return Q(**{f"{prefix}organisation_id": user.organisation_id})
    return NOTHING


def can_manage(user, institution: Institution) -> bool:
    """Write access to an institution's sites, projects, classes and records: its own users only."""
    return (permissions.user_can(user, permissions.RUN_TRAINING) and institution.organisation_id is not None
            and institution.organisation_id == user.organisation_id)


def get_institution_for_user(user, institution_id: int) -> Institution:
    institution = (Institution.objects.filter(institution_scope(user), pk=institution_id)
                   .select_related("district", "organisation").first())
    if institution is None:
        raise Http404(_("没有该机构，或您无权查看"))
    return institution


def get_class_for_user(user, class_id: int) -> TrainingClass:
    klass = (TrainingClass.objects.filter(institution_scope(user, prefix="institution__"), pk=class_id)
             .select_related("institution__district", "project__occupation", "project__industry", "site").first())
    if klass is None:
        raise Http404(_("没有该培训班，或您无权查看"))
    return klass


def get_enrolment_for_user(user, enrolment_id: int) -> Enrolment:
    enrolment = (Enrolment.objects.filter(institution_scope(user, prefix="training_class__institution__"),
                                          pk=enrolment_id)
                 .select_related("person", "training_class__institution", "training_class__project").first())
    if enrolment is None:
        raise Http404(_("没有该培训记录，或您无权查看"))
    return enrolment


def import_scope(user) -> Q:
    """Imports: an institution's own; the programme office sees every import."""
    if permissions.user_can(user, permissions.MANAGE_PLAN):
        return Q()
    if getattr(user, "is_authenticated", False) and user.role == Role.INSTITUTION_USER and user.organisation_id:
        return Q(institution__organisation_id=user.organisation_id)
    return NOTHING


def get_import_for_user(user, import_id: int) -> TrainingImport:
    record = TrainingImport.objects.filter(import_scope(user), pk=import_id).select_related("institution").first()
    if record is None:
        raise Http404(_("没有该导入记录，或您无权查看"))
    return record


# New-type apprentices -----------------------------------------------------------------------------------


def can_register_apprentices(user) -> bool:
    """Enterprise users register their own enterprise's apprentices."""
    return (getattr(user, "is_authenticated", False) and user.role == Role.ENTERPRISE_USER
            and user.organisation_id is not None and user.organisation.kind == "enterprise")


def can_see_apprentices(user) -> bool:
    return can_register_apprentices(user) or permissions.user_can(user, permissions.SUPERVISE_TRAINING)


def apprenticeship_scope(user) -> Q:
    """Enterprise users: their own; district officers: their district; programme office and leaders: the city."""
    if can_register_apprentices(user):
        return Q(enterprise_id=user.organisation_id)
    if permissions.user_can(user, permissions.SEE_WHOLE_CITY) and permissions.user_can(
            user, permissions.SUPERVISE_TRAINING):
        return Q()
    if user.role == Role.DISTRICT_OFFICER and permissions.user_can(user, permissions.SUPERVISE_TRAINING):
        district_id = user.organisation.district_id if user.organisation_id else None
        return Q(district_id=district_id) if district_id else NOTHING
    return NOTHING
