"""Demo data: a 2023 wage survey of ~300 enterprises and ~150,000 employees (with small and dominated cells),
its published tables, SOE groups with 2024 reports, the districts' 2024 survey and service windows.

Idempotent: each part is skipped when its records are there. Records are written by the core bulk writer.
"""

import math
import random
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jineng.accounts.demo import demo_user
from jineng.accounts.models import User
from jineng.core.districts import random_point_in
from jineng.core.identifiers import synthetic_uscc
from jineng.core.imports import rows_insert
from jineng.core.metrics import metrics_records_changed
from jineng.core.models import District
from jineng.demand.models import EnterpriseProfile
from jineng.demand.services.enterprises import enterprise_register
from jineng.occupations.models import Industry, Occupation
from jineng.wages.choices import Ownership, PostCategory, VersionState
from jineng.wages.models import (
    CityBenchmark,
    DistrictSurvey,
    EnterpriseOwnership,
    ServiceWindow,
    SoeGroup,
    SoeReport,
    SurveyRound,
    TableVersion,
    WageUpload,
)
from jineng.wages.services.tables import table_version_compute, table_version_publish, table_version_submit
from jineng.wages.services.uploads import RECORD_COLUMNS, RECORD_TABLE

ENTERPRISES = 300
EMPLOYEES = 150_000
# Production and service occupations of the 2022 classification, by code prefix.
OCCUPATION_PREFIXES = ("6-18-01", "6-18-02", "6-20-03", "6-25-02", "6-22-01", "6-31-01", "6-28-01", "4-07-02",
                       "4-10-01", "4-14-01", "6-24-01", "6-05-01")
LEVEL_WEIGHTS = {1: 30, 2: 30, 3: 22, 4: 12, 5: 6}
LEVEL_FACTOR = {1: 1.0, 2: 1.14, 3: 1.32, 4: 1.58, 5: 1.9}
GROUPS = ("示例机电集团", "示例交通集团", "示例建设集团", "示例化工集团")
REPORT_YEAR = 2024
LOGIN = "soe1"


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.get_default_timezone())


def wages_demo_seed(*, year: int = 2024) -> dict[str, object]:
    rng = random.Random(2411)
    office = demo_user("office")
    with transaction.atomic():
        profiles = _enterprises(rng, office)
        survey = _survey(rng, profiles, office)
        version = _tables(survey, office)
        reports = _soe(rng, profiles, office)
        _login(profiles)
        surveyed = _district_survey(rng, office)
        windows = _windows(rng, office)
    return {"工资调查企业": WageUpload.objects.filter(round=survey).count(),
            "工资记录": sum(WageUpload.objects.filter(round=survey).values_list("rows", flat=True)),
            "价位表格数": version.cells.count() if version else 0, "国企报告": reports, "已调查的区": surveyed,
            "服务窗口": windows}


def _enterprises(rng: random.Random, by) -> list[EnterpriseProfile]:
    profiles = list(EnterpriseProfile.objects.filter(is_synthetic=True).order_by("pk"))
    districts = list(District.objects.order_by("code"))
    industries = list(Industry.objects.order_by("order"))
    n = 0
    while len(profiles) < ENTERPRISES:
        n += 1
        name = f"上海示例工资调查{n:03d}号有限公司"
        if EnterpriseProfile.objects.filter(organisation__name=name).exists():
            continue
        district = rng.choice(districts)
        profiles.append(enterprise_register(
            name=name, credit_code=synthetic_uscc(rng=random.Random(90_000 + n), region=district.code),
            district=district, industry=rng.choice(industries), size=rng.choice(("small", "medium", "large")),
            by=by, is_synthetic=True))
    return profiles[:ENTERPRISES]


def _occupations() -> list[tuple[int, str]]:
    found = []
    for prefix in OCCUPATION_PREFIXES:
        found += list(Occupation.objects.filter(classification="2022", code__startswith=prefix)
                      .order_by("code").values_list("pk", "code")[:5])
    return found


def _survey(rng: random.Random, profiles: list[EnterpriseProfile], by) -> SurveyRound:
    survey, _created = SurveyRound.objects.get_or_create(
        data_year=2023, defaults={"publication_year": 2024, "title": "2023 年度技能人才工资调查", "is_open": False})
    SurveyRound.objects.get_or_create(data_year=2024, defaults={"publication_year": 2025,
                                                                "title": "2024 年度技能人才工资调查"})
    if survey.uploads.exists():
        return survey
    occupations = _occupations()
    base = {pk: rng.uniform(70_000, 110_000) for pk, _code in occupations}
    weights = [rng.paretovariate(1.3) for _ in profiles]
    scale = EMPLOYEES / sum(weights)
    for _round in range(3):  # the largest enterprises are capped: scale the others up to reach the total
        scale *= EMPLOYEES / sum(_size(w * scale) for w in weights)
    uploaded_at = _at(2024, 3, 20, 9, 0)
    uploads = WageUpload.objects.bulk_create([
        WageUpload(round=survey, enterprise=p, file_name="工资调查.xlsx", rows=0, digest=f"demo-{p.pk}",
                   uploaded_by=by, uploaded_at=uploaded_at) for p in profiles])
    rare, dominated, complement = occupations[-1][0], occupations[-2][0], occupations[-3][0]
    rows, counts = [], {}
    for upload, profile, weight in zip(uploads, profiles, weights, strict=True):
        size = _size(weight * scale)
        mine = rng.sample(occupations[:-3], k=min(len(occupations) - 3, rng.randint(2, 8)))
        effect = rng.lognormvariate(0, 0.12)
        for row in range(2, size + 2):
            occupation = rng.choice(mine)[0]
            rows.append(_record(rng, upload, profile, row, occupation, base[occupation] * effect))
        counts[upload.pk] = size
    # A small occupation (two enterprises) and one where a single enterprise holds most workers.
    for upload, profile in list(zip(uploads, profiles, strict=True))[:2]:
        for i in range(4):
            rows.append(_record(rng, upload, profile, counts[upload.pk] + 2 + i, rare, base[rare]))
        counts[upload.pk] += 4
    for index, (upload, profile) in enumerate(list(zip(uploads, profiles, strict=True))[2:6]):
        n = 80 if index == 0 else 4
        for i in range(n):
            rows.append(_record(rng, upload, profile, counts[upload.pk] + 2 + i, dominated, base[dominated]))
        counts[upload.pk] += n
    # One where a single level rests on one enterprise: its level cell is hidden, and so is one more (complement).
    for index, (upload, profile) in enumerate(list(zip(uploads, profiles, strict=True))[6:12]):
        levels = [5] * 4 if index == 0 else [1 + (i % 3) for i in range(8)]
        for i, level in enumerate(levels):
            rows.append(_record(rng, upload, profile, counts[upload.pk] + 2 + i, complement, base[complement],
                                level=level))
        counts[upload.pk] += len(levels)
    rows_insert(RECORD_TABLE, RECORD_COLUMNS, rows)
    for upload in uploads:
        upload.rows = counts[upload.pk]
    WageUpload.objects.bulk_update(uploads, ["rows"])
    metrics_records_changed("wages.WageRecord")
    return survey


def _size(expected: float) -> int:
    return max(3, min(6000, round(expected)))


def _record(rng, upload, profile, row, occupation, base, level: int | None = None) -> tuple:
    draw = rng.random()
    if level is not None:
        post, factor = PostCategory.SKILL, LEVEL_FACTOR[level]
    elif draw < 0.05:
        post, level, factor = PostCategory.MANAGEMENT, None, 1.8
    elif draw < 0.09:
        post, level, factor = PostCategory.PROFESSIONAL, None, 1.5
    else:
        post = PostCategory.SKILL
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        factor = LEVEL_FACTOR[level]
    pay = Decimal(str(round(max(30_000.0, base * factor * math.exp(rng.gauss(0, 0.22))), 2)))
    basic = (pay * Decimal("0.6")).quantize(Decimal("0.01"))
    return (upload.pk, upload.round_id, profile.pk, profile.industry_id, profile.district_id, row, occupation, "",
            level, pay, basic, pay - basic, None, None, post, "全日制")


def _tables(survey: SurveyRound, office: User) -> TableVersion | None:
    published = survey.versions.filter(state=VersionState.PUBLISHED).first()
    if published is not None:
        return published
    version = table_version_compute(survey_round=survey, by=office)
    version = table_version_publish(version=table_version_submit(version=version, by=office), by=office)
    at = _at(2024, 6, 28, 10, 0)
    TableVersion.objects.filter(pk=version.pk).update(computed_at=at, submitted_at=at, published_at=at)
    metrics_records_changed("wages.TableVersion")
    return version


def _soe(rng: random.Random, profiles: list[EnterpriseProfile], by) -> int:
    groups = [SoeGroup.objects.get_or_create(name=name)[0] for name in GROUPS]
    CityBenchmark.objects.get_or_create(year=REPORT_YEAR, defaults={
        "skilled_workers": 3_800_000, "new_high_skilled": 45_000,
        "source": "演示：全市技能劳动者总量（年报口径）和年度新增高技能人才目标"})
    soes = profiles[::10]  # 30 enterprises: 25 municipal in four groups, 5 central
    for index, profile in enumerate(soes):
        municipal = index < 25
        EnterpriseOwnership.objects.get_or_create(enterprise=profile, defaults={
            "ownership": Ownership.MUNICIPAL_SOE if municipal else Ownership.CENTRAL_SOE,
            "group": groups[index % len(groups)] if municipal else None})
        if SoeReport.objects.filter(enterprise=profile, year=REPORT_YEAR).exists():
            continue
        skilled = rng.randint(800, 9000)
        high = round(skilled * rng.uniform(0.25, 0.4))
        # The chemical group trains fewer new high-skilled workers than the city's share (item 12 falls short).
        share = rng.uniform(0.004, 0.009) if index % len(groups) == 3 and municipal else rng.uniform(0.012, 0.025)
        growth = Decimal(str(round(rng.uniform(3, 8), 2)))
        manager = growth + Decimal(str(round(rng.uniform(0.5, 2), 2))) if index % 7 == 0 else \
            growth - Decimal(str(round(rng.uniform(0.2, 2), 2)))
        SoeReport.objects.create(
            enterprise=profile, year=REPORT_YEAR, skilled_workers=skilled, high_skilled_workers=high,
            new_high_skilled=min(high, round(skilled * share)), managers=rng.randint(40, 400),
            high_skilled_pay_growth=growth, manager_pay_growth=manager, annual_salary=rng.random() < 0.6,
            agreement_pay=rng.random() < 0.4, dual_track_posts=rng.random() < 0.7, submitted_by=by,
            submitted_at=_at(2024, 11, 8, 15, 0))
    metrics_records_changed("wages.SoeReport")
    return SoeReport.objects.filter(year=REPORT_YEAR).count()


def _login(profiles: list[EnterpriseProfile]) -> None:
    organisation = profiles[0].organisation  # the first SOE of the first group
    user = User.objects.filter(username=LOGIN).first()
    if user is None:
        user = User(username=LOGIN, display_name="钱建国", organisation=organisation)
        user.set_password(settings.JINENG_DEMO_PASSWORD)
        user.save()


def _district_survey(rng: random.Random, by) -> int:
    occupations = _occupations()
    districts = list(District.objects.order_by("code"))
    for district in districts[:-2]:  # two districts have not reported yet
        if DistrictSurvey.objects.filter(district=district, year=REPORT_YEAR).exists():
            continue
        survey = DistrictSurvey.objects.create(district=district, year=REPORT_YEAR, file_name="技能人才调查.xlsx",
                                               uploaded_by=by,
                                               uploaded_at=_at(2024, 10, 15, 10, 0))
        size = rng.uniform(0.4, 2.5)
        rows = [(survey.pk, pk, level, round(rng.uniform(50, 900) * size * LEVEL_WEIGHTS[level] / 20))
                for pk, _code in rng.sample(occupations, k=30) for level in LEVEL_WEIGHTS]
        rows_insert("wages_districtsurveycount", ("survey_id", "occupation_id", "level", "workers"), rows)
    metrics_records_changed("wages.DistrictSurveyCount")
    return DistrictSurvey.objects.filter(year=REPORT_YEAR).count()


def _windows(rng: random.Random, by) -> int:
    for district in District.objects.order_by("code"):
        name = f"{district.name}技能人才评价服务窗口"
        if ServiceWindow.objects.filter(district=district, name=name).exists():
            continue
        lon, lat = random_point_in(district.geometry, rng=rng)
        ServiceWindow.objects.create(district=district, name=name, address=f"{district.name}公共就业服务中心一楼",
                                     lon=Decimal(str(lon)), lat=Decimal(str(lat)),
                                     hours="工作日 9:00–17:00", phone="021-0000 0000（演示）")
    return ServiceWindow.objects.count()
