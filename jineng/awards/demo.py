"""The demo round of every call kind in 2024, as seen in mid-November: applications through their 主管部门,
reviews by registered reviewers (extremes dropped), publicity and awards — 100 chief technicians and 30 master
studios funded, as the plan's task 31 asks — and the funding records of one studio (login ``studio1``).

Idempotent: a year that already has calls is left as it is. Records are written with bulk inserts.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.demo import system_user_get
from jineng.accounts.models import Organisation, User
from jineng.awards.choices import (
    ApplicationState,
    AssessmentKind,
    AssessmentResult,
    CallKind,
    CallStatus,
    ObjectionStatus,
)
from jineng.awards.engine.scoring import Criterion, application_total, rank
from jineng.awards.models import (
    Application,
    Assessment,
    Assignment,
    Award,
    Call,
    MatchingFund,
    Objection,
    Reviewer,
    Score,
    Spending,
)
from jineng.awards.services.applications import eligibility_store
from jineng.awards.services.calls import amount_in_force, rule_set_in_force
from jineng.core.metrics import metrics_records_changed
from jineng.core.models import District

REVIEWERS = 9  # reviewer1..reviewer3 log in; the others are listed experts without a demo password
PER_APPLICATION = 5
STUDIO_EMPLOYER = "上海示例智能装备有限公司"
EXPERT_ORGS = ("上海示例技能评价中心", "上海示例职业技术学院", "上海示例行业协会")
DEPARTMENTS = ("市经济信息化委", "市国资委", "市教委", "市商务委")


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_default_timezone())


# kind: (title, quota, applications, deadline, publicity start or None, award day or None, stage when not decided)
ROUNDS = {
    CallKind.CHIEF_TECHNICIAN: ("{y} 年市级首席技师资助", 100, 124, date(2024, 7, 31), date(2024, 10, 8),
                                date(2024, 10, 25), None),
    CallKind.MASTER_STUDIO: ("{y} 年技能大师工作室资助", 30, 38, date(2024, 7, 31), date(2024, 10, 8),
                             date(2024, 10, 25), None),
    CallKind.NATIONAL_NOMINATION: ("{y} 年国家级技能大师工作室及高技能人才表彰候选人推荐", 6, 10, date(2024, 4, 30),
                                   date(2024, 5, 20), date(2024, 6, 3), None),
    CallKind.TRAINING_BASE: ("{y} 年高技能人才培养基地专项资助", 8, 11, date(2024, 6, 30), date(2024, 8, 26),
                             date(2024, 9, 10), None),
    CallKind.DISTRICT_PROJECT: ("{y} 年区“一区一特”揭榜挂帅项目", 16, 20, date(2024, 9, 30), None, None,
                                ApplicationState.UNDER_REVIEW),
    CallKind.INDUSTRY_EDUCATION: ("{y} 年产教融合型企业培育", 12, 14, date(2024, 10, 31), None, None,
                                  ApplicationState.SCREENED),
    CallKind.COURSE_CERTIFICATE: ("{y} 年“课证融通”试点", 10, 12, date(2024, 3, 31), date(2024, 5, 6),
                                  date(2024, 5, 20), None),
}

HONOURS = ("中华技能大奖", "全国技术能手", "上海市杰出技术能手")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = ("建国", "志强", "海波", "立新", "国庆", "卫东", "振华", "晓峰", "春生", "玉兰", "雪梅", "红霞", "文杰", "德明")
TRADES = ("数控加工", "精密装配", "工业机器人", "焊接", "电气控制", "模具制造", "集成电路封装", "生物制药", "汽车维修",
          "民航维修", "船舶制造", "钳工", "化工操作", "智能制造", "轨道交通")


@transaction.atomic
def awards_demo_seed(*, year: int) -> dict[str, object]:
    if Call.objects.filter(year=year).exists():
        return _counts(year)
    rng = random.Random(2024)
    system = system_user_get()
    office = User.objects.get(username="office")
    reviewers = _reviewers(system)
    districts = list(District.objects.order_by("code"))
    district_governments = {o.district_id: o for o in Organisation.objects.filter(kind=OrganisationKind.DISTRICT)}
    departments = list(Organisation.objects.filter(name__in=DEPARTMENTS).order_by("name"))
    employers = _employers(districts, 200)
    studio_employer = _studio_employer()
    for kind, (title, quota, n, deadline, publicity, awarded, stage) in ROUNDS.items():
        call = _call(kind, year, title.format(y=year), quota, deadline, publicity, office)
        chosen = [studio_employer] if kind == CallKind.MASTER_STUDIO else []
        chosen += rng.sample(employers, n - len(chosen))
        apps = _applications(call, chosen, rng, district_governments, departments, system)
        if stage == ApplicationState.SCREENED:
            continue
        totals = _reviews(call, apps, reviewers, rng)
        _decide(call, apps, totals, awarded, stage, office)
    _studio_funding(studio_employer, office)
    _objection(year, office)
    metrics_records_changed("awards.Award", "awards.Application", "awards.Assessment")
    return _counts(year)


def _counts(year: int) -> dict[str, object]:
    awarded = Application.objects.filter(call__year=year, state=ApplicationState.AWARDED)
    return {"申报通知": Call.objects.filter(year=year).count(),
            "申报": Application.objects.filter(call__year=year).count(),
            "资助首席技师": awarded.filter(call__kind=CallKind.CHIEF_TECHNICIAN).count(),
            "资助技能大师工作室": awarded.filter(call__kind=CallKind.MASTER_STUDIO).count(),
            "评审专家": Reviewer.objects.count()}


def _user(username: str, display_name: str, organisation: Organisation, *, login: bool) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display_name, organisation=organisation)
        if login:
            user.set_password(settings.JINENG_DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
    return user


def _organisation(name: str, kind: str, district: District) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    return organisation or Organisation.objects.create(name=name, kind=kind, district=district,
                                                       short_name=name.removeprefix("上海"))


def _reviewers(system: User) -> list[Reviewer]:
    minhang = District.objects.get(name="闵行区")
    orgs = [_organisation(name, OrganisationKind.EVALUATION_INSTITUTION, minhang) for name in EXPERT_ORGS]
    reviewers = []
    for i in range(1, REVIEWERS + 1):
        user = _user(f"reviewer{i}", f"评审专家{i}", orgs[(i - 1) % len(orgs)], login=i <= 3)
        reviewer = Reviewer.objects.filter(user=user).first() or Reviewer.objects.create(
            user=user, speciality=TRADES[i % len(TRADES)])
        reviewers.append(reviewer)
    return reviewers


def _employers(districts: list[District], n: int) -> list[Organisation]:
    names = [f"上海示例{TRADES[i % len(TRADES)]}{'企业' if i % 3 else '集团'}{i:03d}有限公司" for i in range(1, n + 1)]
    existing = set(Organisation.objects.filter(name__in=names).values_list("name", flat=True))
    Organisation.objects.bulk_create([
        Organisation(name=name, kind=OrganisationKind.ENTERPRISE, short_name=name.removeprefix("上海"),
                     district=districts[i % len(districts)])
        for i, name in enumerate(names) if name not in existing])
    return list(Organisation.objects.filter(name__in=names).order_by("name"))


def _studio_employer() -> Organisation:
    organisation = _organisation(STUDIO_EMPLOYER, OrganisationKind.ENTERPRISE, District.objects.get(name="浦东新区"))
    _user("studio1", "顾晓东", organisation, login=True)
    return organisation


def _call(kind, year, title, quota, deadline, publicity, office) -> Call:
    opens_on = date(year, 5, 6) if deadline > date(year, 5, 31) else date(year, 2, 1)
    rule_set, amount = rule_set_in_force(kind, opens_on), amount_in_force(kind, opens_on)
    status = CallStatus.DECIDED if publicity else CallStatus.REVIEWING
    return Call.objects.create(
        kind=kind, year=year, title=title, quota=quota, amount=amount.amount, matching_min=amount.matching_min,
        funding_months=amount.funding_months, rule_set=rule_set, opens_on=opens_on, deadline=_at(deadline, 17),
        required_attachments=["application_form"], status=status, publicity_start=publicity,
        publicity_end=publicity + timedelta(days=6) if publicity else None, created_by=office)


def _applications(call, employers, rng, governments, departments, system) -> list[Application]:
    matching = call.matching_min
    apps = []
    for i, employer in enumerate(employers, start=1):
        unit = governments.get(employer.district_id) if i % 3 else departments[i % len(departments)]
        trade = TRADES[i % len(TRADES)]
        leader = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
        title = {CallKind.CHIEF_TECHNICIAN: f"{leader}（{trade}）", CallKind.MASTER_STUDIO: f"{leader}{trade}技能大师工作室"}\
            .get(call.kind, f"{employer.short_name}{trade}项目")
        app = Application(
            number=f"{call.kind[:2].upper()}{call.year}-{call.pk:03d}-{i:04d}", call=call, employer=employer,
            screening_unit=unit, district_id=employer.district_id, title=title, leader_name=leader, leader_level=5,
            leader_honours=[HONOURS[i % 3]] if call.kind in (CallKind.MASTER_STUDIO, CallKind.NATIONAL_NOMINATION)
            else [], matching_declared=matching + Decimal(rng.randrange(0, 5) * 10000),
            state=ApplicationState.SCREENED, submitted_at=_at(call.deadline.date() - timedelta(days=rng.randrange(3, 40))),
            screened_at=_at(call.deadline.date() + timedelta(days=5)), created_by=system)
        eligibility_store(app)
        apps.append(app)
    return Application.objects.bulk_create(apps)


def _reviews(call, apps, reviewers, rng) -> dict[int, Decimal]:
    criteria = [Criterion(c["code"], Decimal(str(c["weight"]))) for c in call.rule_set.content["criteria"]]
    assignments, plan = [], []
    for app in apps:
        quality = rng.uniform(62, 94)
        for reviewer in rng.sample(reviewers, PER_APPLICATION):
            assignments.append(Assignment(application=app, reviewer=reviewer,
                                          submitted_at=_at(call.deadline.date() + timedelta(days=20))))
            plan.append((app.pk, {c.code: Decimal(max(0, min(100, round(quality + rng.uniform(-9, 9))))) for c in criteria}))
    assignments = Assignment.objects.bulk_create(assignments)
    scores, table = [], {}
    for assignment, (app_pk, marks) in zip(assignments, plan, strict=True):
        for code, mark in marks.items():
            scores.append(Score(assignment=assignment, criterion=code, score=mark))
            table.setdefault(app_pk, {}).setdefault(code, []).append(mark)
    Score.objects.bulk_create(scores)
    return {pk: application_total(criteria, marks).total for pk, marks in table.items()}


def _decide(call, apps, totals, awarded_on, stage, office) -> None:
    by_pk = {a.pk: a for a in apps}
    if stage == ApplicationState.UNDER_REVIEW:
        Application.objects.filter(pk__in=by_pk).update(state=ApplicationState.UNDER_REVIEW)
        return
    ranked = rank(totals, quota=call.quota)
    order = sorted(apps, key=lambda a: (a.submitted_at, a.pk))
    slots = call.quota - sum(r.within_quota for r in ranked)
    tied = [a.pk for a in order if any(r.key == a.pk and r.tied_at_cutoff for r in ranked)][:slots]
    chosen = {r.key for r in ranked if r.within_quota} | set(tied)
    for entry in ranked:
        app = by_pk[entry.key]
        app.total, app.rank = entry.total, entry.rank
        app.state = ApplicationState.AWARDED if entry.key in chosen else ApplicationState.NOT_AWARDED
    Application.objects.bulk_update(apps, ["total", "rank", "state"])
    period_end = date(awarded_on.year + call.funding_months // 12, awarded_on.month, awarded_on.day) - timedelta(days=1)
    categories = list(call.rule_set.content.get("categories", []))
    Award.objects.bulk_create([
        Award(application=by_pk[pk], amount=call.amount, matching_required=call.matching_min, awarded_on=awarded_on,
              period_start=awarded_on, period_end=period_end if call.funding_months else awarded_on,
              categories=categories, awarded_by=office) for pk in sorted(chosen)])


def _objection(year: int, office: User) -> None:
    """One objection during the studios' publicity, looked into and dismissed before the award."""
    application = (Application.objects.filter(call__year=year, call__kind=CallKind.MASTER_STUDIO,
                                              state=ApplicationState.AWARDED).order_by("rank", "pk").last())
    if application is None:
        return
    handled = _at(application.call.publicity_end, 15)
    Objection.objects.create(application=application, text="反映该工作室带徒人数与实际不符。",
                             status=ObjectionStatus.DISMISSED, handled_by=office, handled_at=handled,
                             handling_note="经主管部门核实，带徒名册与社保记录一致，异议不成立。")


def _studio_funding(employer: Organisation, office: User) -> None:
    award = Award.objects.filter(application__employer=employer).first()
    if award is None:
        return
    start = award.period_start
    MatchingFund.objects.bulk_create([
        MatchingFund(award=award, amount=Decimal("60000"), recorded_on=start + timedelta(days=5),
                     evidence="银行回单 2024-1031-01", evidenced=True),
        MatchingFund(award=award, amount=Decimal("40000"), recorded_on=start + timedelta(days=18),
                     evidence="", evidenced=False)])
    Spending.objects.bulk_create([
        Spending(award=award, category="equipment", source="grant", amount=Decimal("32000"),
                 spent_on=start + timedelta(days=10), note="五轴加工中心刀具系统"),
        Spending(award=award, category="training", source="grant", amount=Decimal("8500"),
                 spent_on=start + timedelta(days=16), note="工作室成员赴德培训"),
        Spending(award=award, category="mentoring", source="matching", amount=Decimal("12000"),
                 spent_on=start + timedelta(days=20), note="带徒津贴（第一季度）")])
    if award.period_start < date(2024, 7, 1):
        Assessment.objects.create(award=award, kind=AssessmentKind.MID_TERM, result=AssessmentResult.PASS,
                                  assessed_on=start + timedelta(days=400), assessed_by=office)
