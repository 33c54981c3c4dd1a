"""The year's competition plan, its events, and its published versions with their differences."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.competitions.choices import AspectKind, EventStatus, RegistrationStatus, Tier
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


def _refuse(field: str, message: str):
    """A refusal naming the field it is about (the field's label, in the user's language)."""
    label = Event._meta.get_field(field).verbose_name
    return DomainError(_("“%(field)s”：%(message)s") % {"field": label, "message": message})


def _coordinates(lon, lat) -> tuple[Decimal, Decimal]:
    values = []
    for field, value, limit in (("lon", lon, 180), ("lat", lat, 90)):
        try:
            number = Decimal(str(value)).quantize(Decimal("0.000001"))
        except (InvalidOperation, ValueError, TypeError) as exc:
            raise _refuse(field, _("须为数字")) from exc
        if not (Decimal(-limit) <= number <= Decimal(limit)):
            raise _refuse(field, _("须在 -%(limit)s 至 %(limit)s 之间") % {"limit": limit})
        values.append(number)
    return values[0], values[1]


def _aspects_check(aspects) -> list[tuple[str, str, str, Decimal]]:
    if not aspects:
        raise DomainError(_("评分方案至少须有一个评分项"))
    rows, codes = [], set()
    for code, name, kind, max_mark in aspects:
        code, name = str(code).strip()[:8], str(name).strip()[:80]
        try:
            mark = Decimal(str(max_mark))
        except (InvalidOperation, ValueError, TypeError):
            mark = Decimal(0)
        if not code or not name or code in codes or kind not in AspectKind.values or not 0 < mark < 10000:
            raise DomainError(_("评分项 %(code)s 的编号、名称、评分方式或满分有误") % {"code": code or "?"})
        codes.add(code)
        rows.append((code, name, kind, mark))
    return rows


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
    rows = _aspects_check(aspects)
    with transaction.atomic():
        save_audited(event, by=by, reason=_("安排赛项"))
        Aspect.objects.bulk_create([Aspect(event=event, code=c, name=n, kind=k, max_mark=m) for c, n, k, m in rows])
    metrics.metrics_records_changed(*READS)
    return event


def _event_check(event: Event, lon, lat) -> None:
    """Every rule an event's fields must keep; each refusal names its field."""
    for field in ("code", "title", "venue"):
        if not getattr(event, field):
            raise _refuse(field, _("不能为空"))
    if event.tier not in Tier.values:
        raise _refuse("tier", _("取值有误"))
    if event.level_awarded not in SkillLevel.values:
        raise _refuse("level_awarded", _("取值有误"))
    if event.plan.year != event.start_date.year:
        raise _refuse("plan", _("须为比赛开始日期所在年度（%(year)s 年）的计划") % {"year": event.start_date.year})
    if event.end_date < event.start_date:
        raise _refuse("end_date", _("不能早于开始日期"))
    if event.registration_closes < event.registration_opens:
        raise _refuse("registration_closes", _("不能早于报名开始日期"))
    if event.registration_closes > event.start_date:
        raise _refuse("registration_closes", _("报名期限须在比赛开始前结束"))
    if event.capacity is None or event.capacity < 1:
        raise _refuse("capacity", _("须为正数"))
    if event.pk:
        taken = event.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        if event.capacity < taken:
            raise _refuse("capacity", _("不能少于已报名人数 %(n)s") % {"n": taken})
    if event.min_age is not None and event.max_age is not None and event.max_age < event.min_age:
        raise _refuse("max_age", _("不能小于最低年龄"))
    if Event.objects.filter(code=event.code).exclude(pk=event.pk).exists():
        raise _refuse("code", _("%(code)s 已存在") % {"code": event.code})
    event.lon, event.lat = _coordinates(lon, lat)
    if not district_contains(event.district.geometry, event.lon, event.lat):
        raise _refuse("venue", _("场地坐标不在%(district)s范围内") % {"district": event.district.name})


#: what an edit may change (the event code stays: the plan's versions compare events by it)
EDITABLE = ("plan", "title", "tier", "occupation", "work_type", "industry", "level_awarded", "district", "body",
            "venue", "start_date", "end_date", "capacity", "registration_opens", "registration_closes",
            "description", "min_age", "max_age", "min_current_level", "one_per_window")


def event_update(*, by, event: Event, lon=None, lat=None, **changes) -> Event:
    """Edit a planned event (audited with the fields changed); a district keeps its events in its district."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("不能修改的字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not user_can(by, "competitions.run", event):
        raise NotAllowed(_("您无权调整该赛项"))
    if event.status != EventStatus.PLANNED:
        raise InvalidState(_("只有计划中的赛项可以调整"))
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("plan", "district").get(pk=event.pk)
        changed = [name for name, value in changes.items()
                   if (value.strip() if isinstance(value, str) else value) != getattr(event, name)]
        for name in changed:
            value = changes[name]
            setattr(event, name, value.strip() if isinstance(value, str) else value)
        moved = (lon is not None and Decimal(str(lon)) != event.lon) or (
            lat is not None and Decimal(str(lat)) != event.lat)
        if not changed and not moved:
            return event
        if not user_can(by, "competitions.run", event):  # the district it would move to
            raise NotAllowed(_("您只能安排本区的赛项"))
        _event_check(event, event.lon if lon is None else lon, event.lat if lat is None else lat)
        fields = [*changed, *(("lon", "lat") if moved else ())]
        labels = _("、").join(str(Event._meta.get_field(name).verbose_name) for name in fields)
        save_audited(event, by=by, reason=_("修改赛项：%(fields)s") % {"fields": labels})
    metrics.metrics_records_changed(*READS)
    return event


def event_move(*, by, event: Event, start_date: date, end_date: date, registration_opens: date,
               registration_closes: date, venue: str | None = None, lon=None, lat=None) -> Event:
    changes = {"start_date": start_date, "end_date": end_date, "registration_opens": registration_opens,
               "registration_closes": registration_closes}
    if venue:
        changes["venue"] = venue
    return event_update(by=by, event=event, lon=lon, lat=lat, **changes)


def event_plan_version(event: Event) -> dict:
    """Where the event stands in its plan's published versions: the version that first listed it, the latest
    version, and whether the event changed since (the next version will carry the change)."""
    versions = list(event.plan.versions.order_by("number"))
    first = next((v for v in versions if any(row.get("code") == event.code for row in v.events)), None)
    latest = versions[-1] if versions else None
    line = next((row for row in latest.events if row.get("code") == event.code), None) if latest else None
    return {"first": first, "latest": latest, "listed": line is not None,
            "pending": line is None or EventLine.from_json(line) != _line(event)}


def _line(e: Event) -> EventLine:
    return EventLine(e.code, e.title, e.start_date, e.end_date, e.district.code, e.venue,
                     e.status == EventStatus.CANCELLED)


def event_cancel(*, by, event: Event, reason: str) -> Event:
    return EVENT_WORKFLOW.take(event, "cancel", by=by, comment=reason)


def _lines(plan: CompetitionPlan) -> list[EventLine]:
    return [_line(e) for e in plan.events.select_related("district").order_by("code")]


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
