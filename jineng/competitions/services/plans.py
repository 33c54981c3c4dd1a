"""The year's competition plan, its events, and its published versions with their differences."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.competitions.choices import AspectKind, EventStatus, Tier
from jineng.competitions.engine.calendar import EventLine, PlanDiff, plan_diff
from jineng.competitions.models import Aspect, CompetitionPlan, Event, PlanVersion
from jineng.competitions.workflows import EVENT_WORKFLOW
from jineng.core import metrics
from jineng.core.audit import create_audited, save_audited
from jineng.core.capabilities import user_can
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.occupations.choices import SkillLevel

READS = ("competitions.Event",)


def plan_for_year(year: int) -> CompetitionPlan:
    plan, _created = CompetitionPlan.objects.get_or_create(
        year=year, defaults={"title": _("%(year)s年上海市职业技能月月赛计划") % {"year": year}})
    return plan


def _coordinates(lon, lat) -> tuple[Decimal, Decimal]:
    try:
        lon, lat = Decimal(str(lon)).quantize(Decimal("0.000001")), Decimal(str(lat)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("坐标须为数字")) from exc
    if not (Decimal(-180) <= lon <= Decimal(180) and Decimal(-90) <= lat <= Decimal(90)):
        raise DomainError(_("坐标须为数字"))
    return lon, lat


def event_create(*, by, plan: CompetitionPlan, code: str, title: str, tier: str, occupation, district, organiser,
                 venue: str, lon, lat, start_date: date, end_date: date, capacity: int, registration_opens: date,
                 registration_closes: date, level_awarded: int, aspects: list[tuple[str, str, str, Decimal]],
                 work_type=None, industry=None, body=None, description: str = "", min_age: int | None = 16,
                 max_age: int | None = None, min_current_level: int | None = None,
                 one_per_window: bool = False) -> Event:
    """A planned event with its marking scheme (aspects: code, name, kind, maximum mark)."""
    event = Event(plan=plan, code=code.strip(), title=title.strip(), tier=tier, occupation=occupation,
                  work_type=work_type, industry=industry, district=district, organiser=organiser, body=body,
                  venue=venue.strip(), start_date=start_date, end_date=end_date, capacity=capacity,
                  registration_opens=registration_opens, registration_closes=registration_closes,
                  level_awarded=level_awarded, description=description, min_age=min_age, max_age=max_age,
                  min_current_level=min_current_level, one_per_window=one_per_window)
    if not user_can(by, "competitions.run", event):
        raise NotAllowed(_("您只能安排本区的赛项"))
    _event_check(event, lon, lat)
    if not aspects:
        raise DomainError(_("评分方案至少须有一个评分项"))
    for _code, _name, kind, max_mark in aspects:
        if kind not in AspectKind.values or Decimal(max_mark) <= 0:
            raise DomainError(_("评分项的评分方式或满分有误"))
    with transaction.atomic():
        save_audited(event, by=by, reason=_("安排赛项"))
        Aspect.objects.bulk_create([Aspect(event=event, code=c, name=n, kind=k, max_mark=Decimal(m))
                                    for c, n, k, m in aspects])
    metrics.metrics_records_changed(*READS)
    return event


def _event_check(event: Event, lon, lat) -> None:
    if not event.code or not event.title or not event.venue:
        raise DomainError(_("赛项编号、名称和场地不能为空"))
    if event.tier not in Tier.values or event.level_awarded not in SkillLevel.values:
        raise DomainError(_("竞赛类别或对应等级有误"))
    if event.end_date < event.start_date:
        raise DomainError(_("结束日期不能早于开始日期"))
    if event.registration_closes < event.registration_opens or event.registration_closes > event.start_date:
        raise DomainError(_("报名期限须在比赛开始前结束"))
    if event.capacity < 1:
        raise DomainError(_("名额须为正数"))
    if Event.objects.filter(code=event.code).exclude(pk=event.pk).exists():
        raise DomainError(_("赛项编号 %(code)s 已存在") % {"code": event.code})
    event.lon, event.lat = _coordinates(lon, lat)
    if not district_contains(event.district.geometry, event.lon, event.lat):
        raise DomainError(_("比赛场地坐标不在%(district)s范围内") % {"district": event.district.name})


def event_move(*, by, event: Event, start_date: date, end_date: date, registration_opens: date,
               registration_closes: date, venue: str | None = None, lon=None, lat=None) -> Event:
    if not user_can(by, "competitions.run", event):
        raise NotAllowed(_("您无权调整该赛项"))
    if event.status != EventStatus.PLANNED:
        raise InvalidState(_("只有计划中的赛项可以调整"))
    event.start_date, event.end_date = start_date, end_date
    event.registration_opens, event.registration_closes = registration_opens, registration_closes
    if venue:
        event.venue = venue
    _event_check(event, event.lon if lon is None else lon, event.lat if lat is None else lat)
    save_audited(event, by=by, reason=_("调整赛项日期或场地"))
    return event


def event_cancel(*, by, event: Event, reason: str) -> Event:
    return EVENT_WORKFLOW.take(event, "cancel", by=by, comment=reason)


def _lines(plan: CompetitionPlan) -> list[EventLine]:
    rows = plan.events.select_related("district").order_by("code")
    return [EventLine(e.code, e.title, e.start_date, e.end_date, e.district.code, e.venue,
                      e.status == EventStatus.CANCELLED) for e in rows]


def plan_publish(*, by, plan: CompetitionPlan, note: str = "") -> PlanVersion:
    """Publish the plan as it stands: a new version holding a snapshot of every event."""
    if not user_can(by, "competitions.publish_plan"):
        raise NotAllowed(_("只有工作专班办公室可以发布竞赛计划"))
    with transaction.atomic():
        CompetitionPlan.objects.select_for_update().filter(pk=plan.pk).first()
        number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        lines = _lines(plan)
        previous = plan.versions.filter(number=number - 1).first()
        if previous is not None and plan_diff(version_lines(previous), lines).is_empty:
            raise DomainError(_("与上一版相比没有变化，无需重新发布"))
        version = create_audited(PlanVersion, by=by, reason=_("发布竞赛计划"), plan=plan, number=number,
                                 published_at=timezone.now(), published_by=by, note=note[:200],
                                 events=[line.as_json() for line in lines])
    return version


def version_lines(version: PlanVersion) -> list[EventLine]:
    return [EventLine.from_json(row) for row in version.events]


def version_diff(version: PlanVersion) -> PlanDiff:
    """What this version changed against the one before it (the first version adds every event)."""
    previous = version.plan.versions.filter(number__lt=version.number).order_by("-number").first()
    return plan_diff(version_lines(previous) if previous else [], version_lines(version))
