"""Who sees and runs which institutions, classes and training records.

Institution users see and manage their own institution only; district officers see the institutions of their
district, read-only; city departments read the classes and trainees of the plan tasks they lead (by industry or
institution kind, ``accounts/data/department-scopes.csv``); the programme office and the leadership see all, and
the programme office records inspections and registers institutions. Everyone else sees nothing.
"Missing" and "forbidden" are the same 404 (``Model.objects.get_visible``).
"""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from jineng.accounts.department_scopes import department_scopes, leads_records
from jineng.accounts.permissions import (
    DEPARTMENT,
    DISTRICT,
    ENTERPRISE,
    INSTITUTION,
    LEADER,
    OFFICE,
    REVEAL_RESIDENT_IDS,
    held_by,
    user_can,
    user_district_id,
)
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.training.models import Apprenticeship, Enrolment, Institution, TrainingClass, TrainingImport


def _own_institution_record(user, institution) -> bool:
    return institution.organisation_id is not None and institution.organisation_id == user.organisation_id


capabilities_declare("training", {
    # Whose training records a user sees: one of these four decides the scope (see ``_scope``).
    "see_all": held_by(OFFICE, LEADER),
    "see_district": held_by(DISTRICT),
    "see_own": held_by(INSTITUTION),
    "see_led_tasks": held_by(DEPARTMENT) & leads_records("training"),
    "see": held_by(OFFICE, LEADER, DISTRICT, INSTITUTION) | (held_by(DEPARTMENT) & leads_records("training")),
    # Supervision (institutions, risk findings, ratings): the programme office, leadership, district officers.
    "supervise": held_by(OFFICE, LEADER, DISTRICT),
    "run": held_by(INSTITUTION) & on_record(_own_institution_record),
    "register_institution": held_by(OFFICE),
    "inspect": held_by(OFFICE),
    "see_all_imports": held_by(OFFICE),
    "register_apprentices": held_by(ENTERPRISE),
    "see_apprentices": held_by(OFFICE, LEADER, DISTRICT, ENTERPRISE)
    | (held_by(DEPARTMENT) & leads_records("training")),
})


def _scope(user, *, institution: str, project: str | None) -> Q:
    """The training rows a user sees; ``institution`` and ``project`` are the paths from the row to them."""
    if user_can(user, "training.see_all"):
        return Q()
    if user_can(user, "training.see_own"):
        return Q(**{f"{institution}organisation_id": user.organisation_id})
    if user_can(user, "training.see_district"):
        district_id = user_district_id(user)
        return Q(**{f"{institution}district_id": district_id}) if district_id else NOTHING
    if user_can(user, "training.see_led_tasks"):
        scopes = department_scopes(user, "training")
        led = Q(**{f"{institution}kind__in": sorted(scopes.get("institution_kind", ()))})
        industries = sorted(scopes.get("industry", ()))
        if project is None:  # an institution: one that runs a project of the department's industries
            from jineng.training.models import TrainingProject

            runs = TrainingProject.objects.filter(industry__code__in=industries).values("institution_id")
            return led | Q(pk__in=runs)
        return led | Q(**{f"{project}industry__code__in": industries})
    return NOTHING


def institution_scope(user) -> Q:
    return _scope(user, institution="", project=None)


def class_scope(user) -> Q:
    return _scope(user, institution="institution__", project="project__")


def enrolment_scope(user) -> Q:
    return _scope(user, institution="training_class__institution__", project="training_class__project__")


def import_scope(user) -> Q:
    """Imports: an institution's own; the programme office sees every import."""
    if user_can(user, "training.see_all_imports"):
        return Q()
    if user_can(user, "training.see_own"):
        return Q(institution__organisation_id=user.organisation_id)
    return NOTHING


def apprenticeship_scope(user) -> Q:
    """Enterprise users: their own; district officers: their district; programme office, leaders and the
    departments that lead the apprenticeship task: the city."""
    if user_can(user, "training.register_apprentices"):
        return Q(enterprise_id=user.organisation_id)
    if user_can(user, "training.see_all") or "all" in department_scopes(user, "training").get("apprenticeships", ()):
        return Q()
    if user_can(user, "training.see_district"):
        district_id = user_district_id(user)
        return Q(district_id=district_id) if district_id else NOTHING
    return NOTHING


scope_declare(Institution, institution_scope)
scope_declare(TrainingClass, class_scope)
scope_declare(Enrolment, enrolment_scope)
scope_declare(TrainingImport, import_scope)
scope_declare(Apprenticeship, apprenticeship_scope)


def own_institution(user) -> Institution | None:
    """The institution an institution user works for (through their organisation), or None."""
    if not user_can(user, "training.see_own"):
        return None
    return Institution.objects.filter(organisation_id=user.organisation_id).select_related("district").first()


def can_see_training(user) -> bool:
    return user_can(user, "training.see")


def can_run_training(user) -> bool:
    return user_can(user, "training.run") and own_institution(user) is not None


def can_register_institutions(user) -> bool:
    return user_can(user, "training.register_institution")


def can_inspect(user) -> bool:
    """Inspections are recorded by the programme office (district officers read)."""
    return user_can(user, "training.inspect")


def can_reveal(user) -> bool:
    return user_can(user, REVEAL_RESIDENT_IDS)


def can_manage(user, institution: Institution) -> bool:
    """Write access to an institution's sites, projects, classes and records: its own users only."""
    return user_can(user, "training.run", institution)


def _get(rows, user, pk, message: str):
    try:
        return rows.visible_to(user).get(pk=int(pk))
    except (rows.model.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(message) from exc


def get_institution_for_user(user, institution_id: int) -> Institution:
    return _get(Institution.objects.select_related("district", "organisation"), user, institution_id,
                gettext("没有该机构，或您无权查看"))


def get_class_for_user(user, class_id: int) -> TrainingClass:
    rows = TrainingClass.objects.select_related("institution__district", "project__occupation", "project__industry",
                                                "site")
    return _get(rows, user, class_id, gettext("没有该培训班，或您无权查看"))


def get_enrolment_for_user(user, enrolment_id: int) -> Enrolment:
    rows = Enrolment.objects.select_related("person", "training_class__institution", "training_class__project")
    return _get(rows, user, enrolment_id, gettext("没有该培训记录，或您无权查看"))


def get_import_for_user(user, import_id: int) -> TrainingImport:
    return _get(TrainingImport.objects.select_related("institution"), user, import_id,
                gettext("没有该导入记录，或您无权查看"))


# New-type apprentices -----------------------------------------------------------------------------------


def can_register_apprentices(user) -> bool:
    """Enterprise users register their own enterprise's apprentices."""
    return user_can(user, "training.register_apprentices")


def can_see_apprentices(user) -> bool:
    return user_can(user, "training.see_apprentices")
