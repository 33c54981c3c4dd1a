"""Builders for the demand tests: enterprises with valid synthetic credit codes, campaigns, reports, files."""

import io
import itertools
import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from openpyxl import Workbook

from jineng.accounts.models import Organisation, User
from jineng.core.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.demand.choices import ReportState
from jineng.demand.models import Campaign, DemandLine, DemandReport
from jineng.demand.services.enterprises import enterprise_register
from jineng.demand.services.upload import TEMPLATE_HEADERS
from jineng.occupations.models import Industry, Occupation

_numbers = itertools.count(1)
PASSWORD = "Test-pass-2024!"


def enterprise(*, name: str | None = None, district: str = "310115", industry: str = "IC", size: str = "medium"):
    n = next(_numbers)
    return enterprise_register(
        name=name or f"上海测试{n}号有限公司", credit_code=synthetic_uscc(rng=random.Random(n), region=district),
        district=District.objects.get(code=district), industry=Industry.objects.get(code=industry), size=size,
        by=None, is_synthetic=True,
    )


def user_of(organisation: Organisation | str, username: str | None = None) -> User:
    if isinstance(organisation, str):
        organisation = Organisation.objects.get(name=organisation)
    user = User.objects.create_user(username=username or f"user{next(_numbers)}", password=PASSWORD, organisation=organisation)
    return user


def enterprise_user(profile, username: str | None = None) -> User:
    return user_of(profile.organisation, username)


def campaign(*, name: str | None = None, year: int | None = None, opens_on: date | None = None,
             closes_on: date | None = None, industries=("IC", "AUTO", "ELDER", "OTHER")) -> Campaign:
    today = timezone.localdate()
    opens_on = opens_on or today - timedelta(days=10)
    closes_on = closes_on or today + timedelta(days=20)
    result = Campaign.objects.create(name=name or f"测试批次{next(_numbers)}", year=year or opens_on.year,
                                     opens_on=opens_on, closes_on=closes_on)
    result.industries.set(Industry.objects.filter(code__in=industries))
    return result


def report(*, campaign: Campaign, profile, state: str = ReportState.SUBMITTED, submitted_at=None, by=None) -> DemandReport:
    submitted_at = submitted_at or (None if state == ReportState.DRAFT else timezone.now())
    return DemandReport.objects.create(
        campaign=campaign, enterprise=profile.organisation, district=profile.district, industry=profile.industry,
        state=state, first_submitted_at=submitted_at, submitted_at=submitted_at, created_by=by or _creator(profile),
    )


def _creator(profile) -> User:
    return profile.organisation.users.first() or User.objects.create_user(
        username=f"creator{next(_numbers)}", organisation=profile.organisation)


def line(report: DemandReport, code: str, *, level: int = 3, headcount: int = 1, vacancy_months="1", applicants="1",
         pay="10000", work_type=None) -> DemandLine:
    return DemandLine.objects.create(
        report=report, occupation=Occupation.objects.get(code=code), work_type=work_type, level=level,
        headcount=headcount, urgency=2, vacancy_months=Decimal(vacancy_months), applicants_per_vacancy=Decimal(applicants),
        offered_monthly_pay=Decimal(pay),
    )


def xlsx(rows, *, headers=TEMPLATE_HEADERS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def good_row(code="6-25-02-05", level="三级", headcount=5, **overrides) -> list:
    row = {"职业编码": code, "工种": "", "技能等级": level, "需求人数": headcount, "紧急程度": "紧急",
           "空缺时长（月）": 3.5, "每岗位应聘人数": 0.8, "月薪（元）": 12000, "预计到岗日期": "2024-07-01", "原因": "扩产"}
    row.update(overrides)
    return [row[h] for h in TEMPLATE_HEADERS]
