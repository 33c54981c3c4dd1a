"""Demo demand data: ~120 synthetic enterprises, four campaigns (2023–2024, H1 and H2), ~3,000 lines.

Deterministic (one ``random.Random(rng_seed)``) and idempotent: everything is drawn first, then only what is
missing is written, so a second run changes nothing. Reports are written with the ORM, not the workflow
services, because the campaigns lie in the past. The story: chip-making, robot maintenance and elderly-care
demand grows from 2023 to 2024; manufacturing asks more in the first half, life services in the second.
Enterprise logins ent1 (集成电路, report submitted), ent2 (养老护理, report returned — it can be corrected and
resubmitted) and ent3 (汽车, report accepted).
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jineng.accounts.models import Organisation, User
from jineng.core.audit import save_audited
from jineng.core.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.demand.choices import EnterpriseSize, ReportState, Urgency
from jineng.demand.models import Campaign, DemandLine, DemandReport, EnterpriseProfile
from jineng.demand.services.enterprises import enterprise_register
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry, Occupation, WorkType
from jineng.occupations.reference import pinyin_initials

SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "生成演示数据"
ENTERPRISE_COUNT = 120
THREE_PLUS_SIX = ("IC", "BIO", "AI", "EIT", "HEALTH", "AUTO", "EQUIP", "MAT", "FASHION")
LIFE_SERVICES = ("ELDER", "DOMESTIC", "INFANT", "MATERNAL")


@dataclass(frozen=True)
class DemoCampaign:
    name: str
    year: int
    opens_on: date
    closes_on: date
    industries: tuple[str, ...]
    half: int


CAMPAIGNS = (
    DemoCampaign("2023年上半年急需紧缺职业需求填报", 2023, date(2023, 3, 1), date(2023, 4, 30), THREE_PLUS_SIX, 1),
    DemoCampaign("2023年下半年急需紧缺职业需求填报", 2023, date(2023, 9, 1), date(2023, 10, 31), THREE_PLUS_SIX + LIFE_SERVICES, 2),
    DemoCampaign("2024年上半年急需紧缺职业需求填报", 2024, date(2024, 3, 1), date(2024, 4, 30), THREE_PLUS_SIX, 1),
    DemoCampaign("2024年下半年急需紧缺职业需求填报", 2024, date(2024, 9, 1), date(2024, 10, 31), THREE_PLUS_SIX + LIFE_SERVICES, 2),
)

# Occupations each industry's enterprises ask for (codes of the 2022 classification).
OCCUPATIONS = {
    "IC": ("6-25-02-05", "6-25-02-04", "6-25-02-06", "2-02-38-09", "6-21-04-01", "6-17-08-01", "6-31-01-03"),
    "BIO": ("6-12-01-00", "6-12-03-00", "6-12-05-01", "6-12-05-03", "4-08-05-04", "6-31-03-03", "2-02-32-00"),
    "AI": ("4-04-05-05", "2-02-38-01", "2-02-38-03", "4-04-05-01", "6-31-07-01", "4-04-05-07"),
    "EIT": ("6-25-04-07", "6-25-04-08", "6-25-04-05", "6-25-01-13", "4-08-05-07", "6-25-04-09"),
    "HEALTH": ("6-21-06-01", "6-21-06-04", "4-14-01-03", "6-31-03-05", "6-31-03-03"),
    "AUTO": ("6-22-02-01", "6-22-01-01", "6-24-04-00", "4-12-01-01", "4-12-01-03", "6-18-03-03", "6-18-02-04", "6-31-07-01"),
    "EQUIP": ("6-18-01-01", "6-18-01-02", "6-18-01-07", "6-20-01-01", "6-31-01-02", "6-31-01-10", "6-18-02-04", "6-31-03-04"),
    "MAT": ("2-02-05-04", "2-02-19-03", "6-25-01-16", "6-15-03-05", "6-17-07-05", "6-31-03-03"),
    "FASHION": ("2-09-06-02", "6-05-01-01", "6-05-01-03", "6-11-10-03", "6-11-10-04", "4-10-03-01"),
    "ELDER": ("4-10-01-05", "4-14-01-03", "4-14-01-02"),
    "DOMESTIC": ("4-10-01-06", "4-10-01-05"),
    "INFANT": ("4-10-01-03", "4-10-01-01", "4-10-01-04"),
    "MATERNAL": ("4-10-01-06", "4-14-01-03", "4-10-01-01"),
}
# 2024 against 2023: demand for these grows (or shrinks) by the factor.
TREND_2024 = {"6-25-02-05": 2.0, "6-31-07-01": 1.8, "4-10-01-05": 1.8, "4-04-05-05": 1.8, "6-24-04-00": 1.5,
              "6-05-01-03": 0.6, "6-18-01-02": 0.7}  # fmt: skip
WORK_TYPES = {"6-18-01-01": ("数控车工", "普通车工"), "4-10-01-06": ("母婴护理员", "家庭照护员"), "6-18-02-04": ("焊接机器人操作工",)}
ENTERPRISES_PER_INDUSTRY = {"IC": 12, "BIO": 10, "AI": 10, "EIT": 10, "HEALTH": 8, "AUTO": 12, "EQUIP": 12, "MAT": 8,
                            "FASHION": 8, "ELDER": 10, "DOMESTIC": 8, "INFANT": 6, "MATERNAL": 6}  # fmt: skip
INDUSTRY_WORDS = {
    "IC": ("微电子", "半导体", "集成电路"), "BIO": ("生物医药", "生物科技", "药业"), "AI": ("智能科技", "人工智能科技"),
    "EIT": ("电子", "通信技术", "电子信息"), "HEALTH": ("医疗器械", "健康科技"), "AUTO": ("汽车零部件", "新能源汽车", "汽车科技"),
    "EQUIP": ("精密机械", "装备制造", "智能装备"), "MAT": ("新材料", "材料科技"), "FASHION": ("服饰", "化妆品", "时尚用品"),
    "ELDER": ("养老服务", "颐养服务"), "DOMESTIC": ("家政服务",), "INFANT": ("托育服务", "幼儿照护"), "MATERNAL": ("母婴护理", "母婴健康"),
}  # fmt: skip
NAME_FIRST = "华博睿鼎启恒瑞聚星天东凯锦新嘉联正海申浦汇信泰宏"
NAME_SECOND = "芯远驰辉明信丰能河合昇德程元禾创达盛安越通科峰"
# Where each kind of enterprise tends to be (district name -> weight); resident population elsewhere.
DISTRICT_WEIGHTS = {
    "浦东新区": 578, "闵行区": 271, "宝山区": 224, "松江区": 199, "嘉定区": 184, "青浦区": 128, "普陀区": 123,
    "杨浦区": 122, "奉贤区": 115, "徐汇区": 111, "静安区": 95, "金山区": 82, "长宁区": 69, "虹口区": 68,
    "黄浦区": 65, "崇明区": 61,
}  # fmt: skip
SIZE_WEIGHTS = ((EnterpriseSize.MICRO, 1), (EnterpriseSize.SMALL, 3), (EnterpriseSize.MEDIUM, 4), (EnterpriseSize.LARGE, 2))
SIZE_HEADCOUNT = {EnterpriseSize.MICRO: 2, EnterpriseSize.SMALL: 4, EnterpriseSize.MEDIUM: 9, EnterpriseSize.LARGE: 22}
LEVEL_WEIGHTS = ((SkillLevel.L5, 1), (SkillLevel.L4, 3), (SkillLevel.L3, 4), (SkillLevel.L2, 2), (SkillLevel.L1, 1))
BASE_PAY = {SkillLevel.L5: 6500, SkillLevel.L4: 8000, SkillLevel.L3: 10000, SkillLevel.L2: 13000, SkillLevel.L1: 16500}
DEMO_LOGINS = (("ent1", "张伟", "IC"), ("ent2", "王芳", "ELDER"), ("ent3", "李强", "AUTO"))
LOGIN_STATES = {"ent1": ReportState.SUBMITTED, "ent2": ReportState.RETURNED, "ent3": ReportState.ACCEPTED}
RETURN_COMMENT = "养老护理员的月薪明显低于同类机构，请核实后重新提交；空缺时长请按月填写。"


@dataclass(frozen=True)
class PlannedEnterprise:
    name: str
    credit_code: str
    district: str
    industry: str
    size: str


@dataclass(frozen=True)
class PlannedReport:
    campaign: str
    enterprise: str
    state: str
    submitted_at: datetime | None
    lines: tuple[dict, ...]


def demand_demo_seed(*, by, rng_seed: int = 2024) -> dict:
    rng = random.Random(rng_seed)
    enterprises = _plan_enterprises(rng)
    reports = _plan_reports(rng, enterprises)
    with transaction.atomic():
        _work_types()
        profiles, enterprises_created = _store_enterprises(enterprises, by)
        campaigns = _store_campaigns(by)
        reports_created, lines_created = _store_reports(reports, profiles, campaigns, by)
        logins = _store_logins(enterprises, profiles)
    return {
        "企业": EnterpriseProfile.objects.filter(is_synthetic=True).count(),
        "新登记企业": enterprises_created,
        "填报批次": Campaign.objects.filter(name__in=[c.name for c in CAMPAIGNS]).count(),
        "需求填报": DemandReport.objects.filter(campaign__name__in=[c.name for c in CAMPAIGNS]).count(),
        "新建填报": reports_created,
        "需求明细": DemandLine.objects.filter(report__campaign__name__in=[c.name for c in CAMPAIGNS]).count(),
        "新建明细": lines_created,
        "企业账号": logins,
    }


def _plan_enterprises(rng: random.Random) -> list[PlannedEnterprise]:
    districts = list(DISTRICT_WEIGHTS)
    codes = {name: code for code, name in _district_codes()}
    taken_names, taken_codes, planned = set(), set(), []
    for industry, count in ENTERPRISES_PER_INDUSTRY.items():
        for _ in range(count):
            while True:
                brand = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
                suffix = "股份有限公司" if rng.random() < 0.2 else "有限公司"
                name = f"上海{brand}{rng.choice(INDUSTRY_WORDS[industry])}{suffix}"
                if name not in taken_names:
                    break
            district = rng.choices(districts, weights=[DISTRICT_WEIGHTS[d] for d in districts])[0]
            code = synthetic_uscc(rng=rng, region=codes[district])
            while code in taken_codes:
                code = synthetic_uscc(rng=rng, region=codes[district])
            size = rng.choices([s for s, _ in SIZE_WEIGHTS], weights=[w for _, w in SIZE_WEIGHTS])[0]
            taken_names.add(name)
            taken_codes.add(code)
            planned.append(PlannedEnterprise(name, code, district, industry, size))
    return planned


def _district_codes() -> list[tuple[str, str]]:
    from jineng.core.districts import district_rows

    return [(row["code"], row["name"]) for row in district_rows()]


def _plan_reports(rng: random.Random, enterprises: list[PlannedEnterprise]) -> list[PlannedReport]:
    logins = {_login_enterprise(enterprises, industry).name: username for username, _, industry in DEMO_LOGINS}
    needs = {enterprise.name: _plan_needs(rng, enterprise) for enterprise in enterprises}
    planned = []
    for campaign in CAMPAIGNS:
        latest = campaign is CAMPAIGNS[-1]
        for enterprise in enterprises:
            if enterprise.industry not in campaign.industries:
                continue
            login = logins.get(enterprise.name)
            if login is None and rng.random() > 0.85:
                continue  # not every enterprise reports every time
            state = LOGIN_STATES[login] if login and latest else _state(rng, campaign)
            submitted_at = None
            if state != ReportState.DRAFT:
                day = rng.randint(0, (campaign.closes_on - campaign.opens_on).days)
                submitted_at = datetime.combine(campaign.opens_on + timedelta(days=day), time(9 + rng.randint(0, 8), rng.randint(0, 59)), tzinfo=SHANGHAI)
            planned.append(PlannedReport(campaign.name, enterprise.name, state, submitted_at,
                                         tuple(_plan_lines(rng, campaign, enterprise, needs[enterprise.name]))))
    return planned


def _login_enterprise(enterprises: list[PlannedEnterprise], industry: str) -> PlannedEnterprise:
    return next(e for e in enterprises if e.industry == industry)


def _state(rng: random.Random, campaign: DemoCampaign) -> str:
    if campaign is CAMPAIGNS[-1]:
        weights = ((ReportState.ACCEPTED, 40), (ReportState.SUBMITTED, 35), (ReportState.RETURNED, 10), (ReportState.DRAFT, 15))
    elif campaign is CAMPAIGNS[-2]:
        weights = ((ReportState.ACCEPTED, 85), (ReportState.SUBMITTED, 10), (ReportState.RETURNED, 5))
    else:
        weights = ((ReportState.ACCEPTED, 95), (ReportState.RETURNED, 5))
    return rng.choices([s for s, _ in weights], weights=[w for _, w in weights])[0]


@dataclass(frozen=True)
class UsualNeed:
    """What an enterprise usually asks for; each campaign varies it by season, trend and noise."""

    code: str
    work_type: str
    level: int
    headcount: float
    pay_factor: float


def _plan_needs(rng: random.Random, enterprise: PlannedEnterprise) -> list[UsualNeed]:
    pool = OCCUPATIONS[enterprise.industry]
    needs, keys = [], set()
    for code in rng.sample(pool, k=min(len(pool), rng.randint(3, 7))):
        for level in rng.sample([lv for lv, _ in LEVEL_WEIGHTS], k=rng.choice((1, 2, 2, 3))):
            work_type = ""
            if code in WORK_TYPES and rng.random() < 0.6:
                options = WORK_TYPES[code]
                work_type = options[0] if enterprise.industry == "MATERNAL" else rng.choice(options)
            if (code, work_type, level) not in keys:
                keys.add((code, work_type, level))
                headcount = rng.uniform(0.4, 1.6) * SIZE_HEADCOUNT[enterprise.size]
                needs.append(UsualNeed(code, work_type, int(level), headcount, rng.uniform(0.85, 1.35)))
    return needs


def _plan_lines(rng: random.Random, campaign: DemoCampaign, enterprise: PlannedEnterprise, needs: list[UsualNeed]) -> list[dict]:
    life_service = enterprise.industry in LIFE_SERVICES
    season = 1.3 if (campaign.half == 2) == life_service else 0.9
    lines = []
    for need in needs:
        trend = TREND_2024.get(need.code, 1.0) if campaign.year == 2024 else 1.0
        if trend <= 1 and rng.random() > 0.9 * trend:  # not every need every time; shrinking ones fade out
            continue
        scarce = trend > 1.2
        lines.append({
            "code": need.code, "work_type": need.work_type, "level": need.level,
            "headcount": max(1, round(need.headcount * season * trend * rng.uniform(0.85, 1.15))),
            "urgency": rng.choices(list(Urgency.values), weights=(3, 4, 5) if scarce else (5, 3, 1))[0],
            "vacancy_months": Decimal(str(round(rng.uniform(2.0, 9.0) if scarce else rng.uniform(0.5, 5.0), 1))),
            "applicants_per_vacancy": Decimal(str(round(rng.uniform(0.3, 1.5) if scarce else rng.uniform(0.8, 6.0), 1))),
            "offered_monthly_pay": Decimal(round(BASE_PAY[need.level] * need.pay_factor * (1.15 if scarce else 1) / 100) * 100),
            "expected_hire_date": campaign.closes_on + timedelta(days=rng.randint(30, 150)),
            "reason": rng.choice(("扩大产能", "新产线投产", "人员流失补充", "技术升级", "新项目启动", "")),
        })
    if not lines:  # a report always holds at least one line
        lines.append(_line_of(needs[0], campaign, season))
    return lines


def _line_of(need: UsualNeed, campaign: DemoCampaign, season: float) -> dict:
    return {
        "code": need.code, "work_type": need.work_type, "level": need.level,
        "headcount": max(1, round(need.headcount * season)), "urgency": Urgency.NORMAL, "vacancy_months": Decimal("1.0"),
        "applicants_per_vacancy": Decimal("2.0"), "offered_monthly_pay": Decimal(round(BASE_PAY[need.level] * need.pay_factor / 100) * 100),
        "expected_hire_date": campaign.closes_on + timedelta(days=60), "reason": "",
    }


def _work_types() -> None:
    for code, names in WORK_TYPES.items():
        occupation = Occupation.objects.get(classification="2022", code=code)
        for name in names:
            WorkType.objects.get_or_create(occupation=occupation, name=name, defaults={"initials": pinyin_initials(name)})


def _store_enterprises(planned: list[PlannedEnterprise], by) -> tuple[dict[str, EnterpriseProfile], int]:
    districts = {d.name: d for d in District.objects.all()}
    industries = {i.code: i for i in Industry.objects.all()}
    existing = {p.organisation.name: p for p in EnterpriseProfile.objects.select_related("organisation")}
    created = 0
    for enterprise in planned:
        if enterprise.name in existing:
            continue
        existing[enterprise.name] = enterprise_register(
            name=enterprise.name, credit_code=enterprise.credit_code, district=districts[enterprise.district],
            industry=industries[enterprise.industry], size=enterprise.size, by=by, is_synthetic=True,
            contact="人事部 021-0000 0000（演示）",
        )
        created += 1
    return existing, created


def _store_campaigns(by) -> dict[str, Campaign]:
    industries = {i.code: i for i in Industry.objects.all()}
    campaigns = {}
    for planned in CAMPAIGNS:
        campaign = Campaign.objects.filter(name=planned.name).first()
        if campaign is None:
            campaign = Campaign(name=planned.name, year=planned.year, opens_on=planned.opens_on,
                                closes_on=planned.closes_on, created_by=by)
            save_audited(campaign, by=by, reason=REASON)
            campaign.industries.set([industries[code] for code in planned.industries])
        campaigns[planned.name] = campaign
    return campaigns


def _store_reports(planned: list[PlannedReport], profiles, campaigns, by) -> tuple[int, int]:
    occupations = dict(Occupation.objects.filter(classification="2022").values_list("code", "id"))
    work_types = {(w.occupation_id, w.name): w.pk for w in WorkType.objects.all()}
    existing = set(DemandReport.objects.filter(campaign__in=campaigns.values()).values_list("campaign_id", "enterprise_id"))
    reports_created, lines = 0, []
    for plan in planned:
        campaign, profile = campaigns[plan.campaign], profiles[plan.enterprise]
        if (campaign.pk, profile.organisation_id) in existing:
            continue
        report = DemandReport(
            campaign=campaign, enterprise_id=profile.organisation_id, district_id=profile.district_id,
            industry_id=profile.industry_id, state=plan.state, created_by=by,
            first_submitted_at=plan.submitted_at, submitted_at=plan.submitted_at,
        )
        if plan.state in (ReportState.ACCEPTED, ReportState.RETURNED):
            report.reviewed_at, report.reviewed_by = plan.submitted_at + timedelta(days=3, hours=2), by
            report.review_comment = RETURN_COMMENT if plan.state == ReportState.RETURNED else ""
        save_audited(report, by=by, reason=REASON)
        reports_created += 1
        for line in plan.lines:
            occupation_id = occupations[line["code"]]
            lines.append(DemandLine(
                report=report, occupation_id=occupation_id,
                work_type_id=work_types[(occupation_id, line["work_type"])] if line["work_type"] else None,
                **{k: v for k, v in line.items() if k not in ("code", "work_type")},
            ))
    bulk_create_with_history(lines, DemandLine, batch_size=1000, default_user=by, default_change_reason=REASON)
    return reports_created, len(lines)


def _store_logins(planned: list[PlannedEnterprise], profiles) -> list[str]:
    usernames = []
    for username, display_name, industry in DEMO_LOGINS:
        organisation: Organisation = profiles[_login_enterprise(planned, industry).name].organisation
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, display_name=display_name, organisation=organisation)
            user.set_password(settings.JINENG_DEMO_PASSWORD)
            user.save()
        elif user.organisation_id != organisation.pk or not user.check_password(settings.JINENG_DEMO_PASSWORD):
            user.organisation = organisation
            user.set_password(settings.JINENG_DEMO_PASSWORD)
            user.save(update_fields=["organisation", "password"])
        usernames.append(username)
    return usernames
