"""Writes of the service-point register: each atomic and audited (django-simple-history, who and why).

The office keeps every district's points; a district government keeps its own (``permissions``). Coordinates
(GCJ-02) must lie inside the point's district, by the same polygon check the training and evaluation sites use
(``core.districts.district_contains``).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from jineng.accounts.permissions import user_district_id
from jineng.core.audit import create_audited, save_audited
from jineng.core.capabilities import user_can
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.servicepoints.choices import PointKind
from jineng.servicepoints.models import ServicePoint


@dataclass(frozen=True)
class PointFields:
    name: str
    kind: str
    district: object  # core.District
    address: str
    lon: Decimal
    lat: Decimal
    hours: str = ""
    opened_date: date | None = None
    is_active: bool = True


def _check(by, fields: PointFields) -> None:
    if not user_can(by, "servicepoints.keep"):
        raise NotAllowed(gettext("只有专班办公室和区政府可以维护服务网点"))
    if not user_can(by, "servicepoints.keep_all") and fields.district.pk != user_district_id(by):
        raise NotAllowed(gettext("区政府只能维护本区的服务网点"))
    if fields.kind not in PointKind.values:
        raise DomainError(gettext("服务网点类型无效"))
    if not fields.name.strip() or not fields.address.strip():
        raise DomainError(gettext("请填写名称和地址"))
    if not district_contains(fields.district.geometry, fields.lon, fields.lat):
        raise DomainError(gettext("坐标（{lon}, {lat}）不在{name}范围内，请核对经纬度（GCJ-02）").format(
            lon=fields.lon, lat=fields.lat, name=fields.district.name))


def _values(fields: PointFields) -> dict:
    return {"name": fields.name.strip(), "kind": fields.kind, "district": fields.district,
            "address": fields.address.strip(), "lon": fields.lon, "lat": fields.lat, "hours": fields.hours.strip(),
            "opened_date": fields.opened_date, "is_active": fields.is_active}


def _duplicate(fields: PointFields) -> DomainError:
    return DomainError(gettext("{district}已有名为“{name}”的服务网点").format(
        district=fields.district.name, name=fields.name.strip()))


def point_create(*, by, fields: PointFields, is_synthetic: bool = False) -> ServicePoint:
    _check(by, fields)
    try:
        with transaction.atomic():
            return create_audited(ServicePoint, by=by, reason=gettext_noop("登记服务网点"),
                                  is_synthetic=is_synthetic, **_values(fields))
    except IntegrityError as exc:
        raise _duplicate(fields) from exc


def point_update(*, by, point: ServicePoint, fields: PointFields) -> ServicePoint:
    if not user_can(by, "servicepoints.keep", point):
        raise NotAllowed(gettext("区政府只能维护本区的服务网点"))
    _check(by, fields)
    values = _values(fields)
    changed = [name for name, value in values.items() if getattr(point, name) != value]
    if not changed:
        return point
    for name in changed:
        setattr(point, name, values[name])
    try:
        with transaction.atomic():
            save_audited(point, by=by, reason=gettext_noop("修改服务网点"),
                         update_fields=[("district" if name == "district" else name) for name in changed])
    except IntegrityError as exc:
        raise _duplicate(fields) from exc
    return point
