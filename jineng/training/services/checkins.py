"""Check-ins sent in batches by attendance devices: every item checked, all-or-nothing, idempotent.

A batch is a list of up to ``MAX_ITEMS`` items ``{class_code, resident_id, checked_at, site, method, device_id,
lon, lat}``. The resident ID only finds the person (by keyed digest, as ``core.people.person_find``); it is never
returned nor put in a message — results and errors name the item by its index and the masked number.
Re-sending a batch creates nothing: a check-in is one (enrolment, checked_at).
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext

from jineng.core.crypto import keyed_digest
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import InvalidIdentifier, resident_id_mask, resident_id_parse
from jineng.core.models import Person
from jineng.training.choices import CheckInMethod
from jineng.training.models import CheckIn, Enrolment, Institution, Site, TrainingClass

MAX_ITEMS = 1000
SLACK = timedelta(days=1)
YEARS = (2000, 2100)
METHODS = "、".join(CheckInMethod.values)


class BatchRejected(DomainError):
    """A batch was refused as a whole; ``errors`` are ``{"index", "field", "message"}``, nothing was written."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__(gettext("签到数据有 {len} 处错误，未写入任何签到").format(len=len(errors)))


@dataclass(frozen=True)
class ItemOutcome:
    index: int
    class_code: str
    name: str
    resident_id_masked: str
    checked_at: datetime
    created: bool


@dataclass(frozen=True)
class BatchOutcome:
    created: int
    unchanged: int
    items: list[ItemOutcome]


@dataclass
class _Lookups:
    classes: dict[str, TrainingClass]
    sites_by_id: dict[int, Site]
    sites_by_name: dict[str, Site]
    people: dict[str, tuple[int, str, str]]  # digest -> (person id, masked number, name)
    enrolments: dict[tuple[int, int], int]  # (class id, person id) -> enrolment id


def check_ins_receive(*, institution: Institution, items) -> BatchOutcome:
    """Validate the whole batch against the institution's classes and sites, then write the new check-ins."""
    if not isinstance(items, list) or not items:
        raise BatchRejected([_error(None, "", gettext("请提交签到列表（JSON 数组，至少一条）"))])
    if len(items) > MAX_ITEMS:
        raise BatchRejected([_error(None, "", gettext("一次最多提交 {MAX_ITEMS} 条签到，本次 {len} 条").format(MAX_ITEMS=MAX_ITEMS, len=len(items)))])
    digests = {index: _digest(item) for index, item in enumerate(items) if isinstance(item, dict)}
    lookups = _lookups_load(institution, items, digests)
    errors: list[dict] = []
    planned: dict[tuple[int, datetime], tuple[int, CheckIn]] = {}
    outcomes: list[tuple[int, str, tuple[int, str, str], tuple[int, datetime]]] = []
    for index, item in enumerate(items):
        found = _item_check(index, item, digests.get(index), lookups, errors)
        if found is None:
            continue
        check_in, class_code, person = found
        key = (check_in.enrolment_id, check_in.checked_at)
        planned.setdefault(key, (index, check_in))
        outcomes.append((index, class_code, person, key))
    if errors:
        raise BatchRejected(errors)
    with transaction.atomic():
        existing = set(CheckIn.objects.filter(enrolment_id__in={k[0] for k in planned},
                                              checked_at__in={k[1] for k in planned})
                       .values_list("enrolment_id", "checked_at").order_by())
        new = {key: check_in for key, (_, check_in) in planned.items() if key not in existing}
        CheckIn.objects.bulk_create(new.values(), batch_size=500, ignore_conflicts=True)
    first_of = {key: index for key, (index, _) in planned.items()}
    items_out = [ItemOutcome(index=index, class_code=code, name=person[2], resident_id_masked=person[1],
                             checked_at=key[1], created=key in new and first_of[key] == index)
                 for index, code, person, key in outcomes]
    return BatchOutcome(created=len(new), unchanged=len(items) - len(new), items=items_out)


def _error(index: int | None, field: str, message: str) -> dict:
    return {"index": index, "field": field, "message": message}


def _digest(item: dict) -> str | InvalidIdentifier | None:
    value = item.get("resident_id")
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return keyed_digest(resident_id_parse(value).number)
    except InvalidIdentifier as exc:
        return exc


def _lookups_load(institution: Institution, items: list, digests: dict) -> _Lookups:
    codes = {str(item.get("class_code", "")).strip() for item in items if isinstance(item, dict)}
    classes = {c.code: c for c in TrainingClass.objects.filter(institution=institution, code__in=codes)
               .select_related("site").order_by("pk")}
    sites = list(institution.sites.select_related("district").order_by("pk"))
    wanted = {d for d in digests.values() if isinstance(d, str)}
    people = {digest: (pk, masked, name) for digest, pk, masked, name in Person.objects.filter(
        resident_id_digest__in=wanted).values_list("resident_id_digest", "pk", "resident_id_masked", "name").order_by()}
    enrolments = {(class_id, person_id): pk for class_id, person_id, pk in Enrolment.objects.filter(
        training_class__in=[c.pk for c in classes.values()], person_id__in=[p[0] for p in people.values()],
    ).values_list("training_class_id", "person_id", "pk").order_by()}
    return _Lookups(classes=classes, sites_by_id={s.pk: s for s in sites}, sites_by_name={s.name: s for s in sites},
                    people=people, enrolments=enrolments)


def _item_check(index: int, item, digest, lookups: _Lookups, errors: list[dict]):
    """One item: a CheckIn ready to insert, or None with its errors appended (every field is checked)."""
    if not isinstance(item, dict):
        errors.append(_error(index, "", gettext("每条签到须为一个 JSON 对象")))
        return None
    problems: list[dict] = []

    def fail(field: str, message: str) -> None:
        problems.append(_error(index, field, message))

    code = str(item.get("class_code", "")).strip()
    klass = lookups.classes.get(code)
    if not code:
        fail("class_code", gettext("缺少班级编号"))
    elif klass is None:
        fail("class_code", gettext("本机构没有编号为“{v1}”的培训班").format(v1=code[:40]))
    person = enrolment_id = None
    if digest is None:
        fail("resident_id", gettext("缺少身份证号"))
    elif isinstance(digest, InvalidIdentifier):
        fail("resident_id", digest.message)
    else:
        person = lookups.people.get(digest)
        if klass is not None:
            enrolment_id = lookups.enrolments.get((klass.pk, person[0])) if person else None
            if enrolment_id is None:
                masked = person[1] if person else resident_id_mask(item["resident_id"])
                fail("resident_id", gettext("身份证号为 {masked} 的人员未在培训班 {code} 报名").format(masked=masked, code=code))
    checked_at = _checked_at(item.get("checked_at"), klass, fail)
    site = _site(item.get("site"), lookups, fail)
    method = item.get("method")
    if method not in CheckInMethod.values:
        fail("method", gettext("签到方式须为 {METHODS} 之一").format(METHODS=METHODS))
    device_id = item.get("device_id") or ""
    if not isinstance(device_id, str) or len(device_id) > 64:
        fail("device_id", gettext("设备编号须为不超过 64 个字符的文本"))
    lon, lat = _coordinates(item.get("lon"), item.get("lat"), site, fail)
    if problems:
        errors.extend(problems)
        return None
    return (CheckIn(enrolment_id=enrolment_id, checked_at=checked_at, site=site, method=method,
                    device_id=device_id.strip(), lon=lon, lat=lat), code, person)


def _checked_at(value, klass: TrainingClass | None, fail) -> datetime | None:
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:  # well formed but not a real moment: 2024-02-30
        moment = None
    if moment is None or timezone.is_naive(moment):
        fail("checked_at", gettext("签到时间须为带时区的 ISO 8601 时间，例如 2024-03-05T09:00:00+08:00"))
        return None
    if not YEARS[0] <= moment.year <= YEARS[1]:
        fail("checked_at", gettext("签到时间须在 {v1} 年至 {v2} 年之间").format(v1=YEARS[0], v2=YEARS[1]))
        return None
    if klass is not None:
        day: date = timezone.localtime(moment).date()
        if not klass.start_date - SLACK <= day <= klass.end_date + SLACK:
            fail("checked_at", gettext("签到日期 {day:%Y-%m-%d} 不在培训班日期（{start_date:%Y-%m-%d} 至 {end_date:%Y-%m-%d}）前后一天之内").format(day=day, start_date=klass.start_date, end_date=klass.end_date))
    return moment


def _site(value, lookups: _Lookups, fail) -> Site | None:
    site = None
    if isinstance(value, bool):
        site = None
    elif isinstance(value, int):
        site = lookups.sites_by_id.get(value)
    elif isinstance(value, str) and value.strip():
        site = lookups.sites_by_name.get(value.strip())
        if site is None and value.strip().isdigit():
            site = lookups.sites_by_id.get(int(value.strip()))
    if site is None:
        fail("site", gettext("签到地点须为本机构教学点的名称或编号"))
    return site


def _coordinates(lon, lat, site: Site | None, fail) -> tuple[Decimal | None, Decimal | None]:
    if lon in (None, "") and lat in (None, ""):
        return None, None
    try:
        point = (Decimal(str(lon)).quantize(Decimal("0.000001")), Decimal(str(lat)).quantize(Decimal("0.000001")))
        if not (point[0].is_finite() and point[1].is_finite()):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        fail("lon", gettext("经纬度须同时填写，且为数字（GCJ-02）"))
        return None, None
    if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
        fail("lon", gettext("经纬度超出范围"))
        return None, None
    if site is not None and not district_contains(site.district.geometry, point[0], point[1]):
        fail("lon", gettext("坐标（{v1}, {v2}）不在教学点所在的{name}范围内").format(v1=point[0], v2=point[1], name=site.district.name))
    return point
