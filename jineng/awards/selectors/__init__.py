"""Reads, scoped by role: calls, applications, the reviewer's queue, publicity lists, awards."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from jineng.awards.choices import ApplicationState, CallStatus
from jineng.awards.models import Application, Assignment, Award, Call, Objection

PUBLIC_STATES = (ApplicationState.PUBLICITY, ApplicationState.AWARDED)


def _get(queryset: QuerySet, pk, message: str):
    try:
        return queryset.get(pk=int(pk))
    except (queryset.model.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(message) from exc


def call_list(*, viewer, year: int | None = None, kind: str = "") -> QuerySet:
    calls = Call.objects.visible_to(viewer).select_related("rule_set")
    if year:
        calls = calls.filter(year=year)
    if kind:
        calls = calls.filter(kind=kind)
    visible = Application.objects.visible_to(viewer)
    return calls.annotate(
        n_applications=Count("applications", filter=Q(applications__in=visible), distinct=True),
        n_awarded=Count("applications", filter=Q(applications__state=ApplicationState.AWARDED), distinct=True),
    ).order_by("-year", "kind", "pk")


def get_call_for_user(user, call_id) -> Call:
    return _get(Call.objects.visible_to(user).select_related("rule_set"), call_id, _("申报通知不存在，或您无权查看"))


def application_list(*, viewer, call_id: int | None = None, state: str = "", query: str = "") -> QuerySet:
    rows = Application.objects.visible_to(viewer).select_related("call", "employer", "screening_unit", "district")
    if call_id:
        rows = rows.filter(call_id=call_id)
    if state:
        rows = rows.filter(state=state)
    if query:
        rows = rows.filter(Q(title__icontains=query) | Q(number__icontains=query) | Q(employer__name__icontains=query))
    return rows.order_by("-call__year", "call_id", "rank", "number")


def get_application_for_user(user, application_id) -> Application:
    rows = Application.objects.visible_to(user).select_related("call", "call__rule_set", "employer",
                                                                "screening_unit", "district")
    return _get(rows, application_id, _("申报不存在，或您无权查看"))


def review_queue(*, reviewer_user) -> QuerySet:
    return (Assignment.objects.filter(reviewer__user_id=reviewer_user.pk, reviewer__is_active=True)
            .select_related("application", "application__call", "application__employer")
            .order_by("submitted_at", "application__number"))


def publicity_calls() -> QuerySet:
    return Call.objects.filter(status__in=(CallStatus.PUBLICITY, CallStatus.DECIDED)).order_by("-publicity_start", "pk")


def publicity_entries(call: Call) -> QuerySet:
    return (call.applications.filter(state__in=PUBLIC_STATES).select_related("employer", "district")
            .order_by("rank", "number"))


def get_public_call(call_id) -> Call:
    return _get(publicity_calls(), call_id, _("公示不存在"))


def get_public_application(application_id) -> Application:
    """An application on a publicity list (anyone may read it and, logged in, object to it)."""
    rows = Application.objects.filter(state__in=PUBLIC_STATES, call__in=publicity_calls()).select_related("call")
    return _get(rows, application_id, _("公示项目不存在"))


def objection_list(*, application: Application) -> QuerySet:
    return application.objections.select_related("lodged_by", "handled_by").order_by("lodged_at", "pk")


def get_objection_for_user(user, objection_id) -> Objection:
    return _get(Objection.objects.visible_to(user).select_related("application"), objection_id,
                _("异议不存在，或您无权查看"))


def award_list(*, viewer, year: int | None = None) -> QuerySet:
    rows = Award.objects.visible_to(viewer).select_related("application", "application__call",
                                                          "application__employer", "application__district")
    if year:
        rows = rows.filter(application__call__year=year)
    return rows.order_by("-awarded_on", "application__number")


def get_award_for_user(user, award_id) -> Award:
    rows = Award.objects.visible_to(user).select_related("application", "application__call", "application__employer")
    return _get(rows, award_id, _("资助项目不存在，或您无权查看"))
