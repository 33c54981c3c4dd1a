"""Demo service points: about 500 employment service stations (社区就业服务站) across the 16 districts, shared
out by the districts' resident population (2020 census, in ten thousands), and one evaluation service window
per district, opened in 2024, each inside its district's polygon. Idempotent; written by the core bulk writer
with their history rows."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from jineng.accounts.demo import demo_user
from jineng.core.districts import random_point_in
from jineng.core.imports import history_insert, rows_insert_with_ids
from jineng.core.models import District
from jineng.servicepoints.choices import PointKind
from jineng.servicepoints.models import ServicePoint

STATIONS = 500
POPULATION = {  # district code: residents, 2020 census (10,000s)
    "310101": 66, "310104": 111, "310105": 69, "310106": 97, "310107": 124, "310109": 76, "310110": 124,
    "310112": 265, "310113": 223, "310114": 183, "310115": 568, "310116": 82, "310117": 191, "310118": 127,
    "310120": 114, "310151": 64,
}
ROADS = ("人民路", "长江路", "建设路", "文化路", "和平路", "解放路", "新华路", "光明路", "振兴路", "育才路",
         "民生路", "同心路", "锦绣路", "春申路", "百花街", "金桥路")
HOURS = ("周一至周五 9:00–17:00", "周一至周六 8:30–16:30", "周一至周五 8:30–17:30，周六 9:00–12:00")
SHANGHAI = ZoneInfo("Asia/Shanghai")
COLUMNS = ("name", "kind", "district_id", "address", "lon", "lat", "hours", "opened_date", "is_active",
           "is_synthetic", "created_at")


def _quotas() -> dict[str, int]:
    total = sum(POPULATION.values())
    quotas = {code: STATIONS * people // total for code, people in POPULATION.items()}
    for code in sorted(POPULATION, key=lambda c: -POPULATION[c])[:STATIONS - sum(quotas.values())]:
        quotas[code] += 1
    return quotas


def servicepoints_demo_seed(*, year: int = 2024, seed: int = 12) -> dict[str, int]:
    if ServicePoint.objects.filter(is_synthetic=True).exists():
        return {"服务网点（已有）": ServicePoint.objects.filter(is_synthetic=True).count()}
    rng = random.Random(seed)
    office = demo_user("office")
    rows = []
    for district in District.objects.filter(code__in=POPULATION).order_by("code"):
        quota = _quotas()[district.code]
        for number in range(quota + 1):
            lon, lat = random_point_in(district.geometry, rng=rng)
            opened = date(year, 1, 2) + timedelta(days=rng.randrange(300))
            at = datetime.combine(opened, time(9), tzinfo=SHANGHAI)
            address = f"{district.name}{rng.choice(ROADS)}{rng.randrange(1, 1200)}号"
            if number == quota:
                name, kind, hours = f"{district.name}职业技能评价服务窗口", PointKind.WINDOW, HOURS[0]
            else:
                name, kind, hours = (f"{district.name}第{number + 1:03d}社区就业服务站", PointKind.STATION,
                                     rng.choice(HOURS))
            rows.append((name, kind, district.pk, address, lon, lat, hours, opened, True, True, at))
    with transaction.atomic():
        ids = rows_insert_with_ids(ServicePoint._meta.db_table, COLUMNS, rows)
        history_insert(ServicePoint, ("id", *COLUMNS), [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                       history_type="+", user_id=office.pk, reason="演示数据：服务网点")
    stations = sum(1 for row in rows if row[1] == PointKind.STATION)
    return {"就业服务站": stations, "区评价服务窗口": len(rows) - stations}
