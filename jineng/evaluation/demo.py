"""Demo evaluation data: bodies of every kind in the 16 districts, sites, evaluators, sessions and results over
2023–2024 (about 26,000 results, most approved and passed: the certificates step issues from them through
``services.results.approved_results``), inspections with findings, the employer-coverage register, and planted
anomalies (a body passing everyone, identical scores, one candidate at two sites, an over-full session).

Idempotent (nothing is written when the first body exists); results are written with the core bulk writer.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from jineng.accounts.demo import demo_user, system_user_get
from jineng.accounts.models import Organisation, User
from jineng.core.districts import random_point_in
from jineng.core.engine.identifiers import synthetic_resident_id, synthetic_uscc
from jineng.core.identifiers import resident_id_parse
from jineng.core.imports import rows_insert
from jineng.core.metrics import metrics_records_changed
from jineng.core.models import District
from jineng.core.people import person_bulk_register, person_row_from
from jineng.evaluation.choices import (
    BodyKind,
    BodyStatus,
    EmployerGroup,
    InspectionLevel,
    InspectionMode,
    InspectionOutcome,
    InspectionStatus,
    RectificationStatus,
    ResultStatus,
    SessionPeriod,
    SessionStatus,
    Severity,
    StaffRole,
)
from jineng.evaluation.engine.rules import needs_district_approval, result_passes
from jineng.evaluation.models import (
    BodyScope,
    BodyStaff,
    CoveredEmployer,
    EvaluationBody,
    EvaluationResult,
    EvaluationSession,
    Inspection,
    InspectionFinding,
    TestSite,
)
from jineng.evaluation.services.supervision import anomalies_run
from jineng.occupations.choices import CatalogueKind, CatalogueState
from jineng.occupations.models import CatalogueEntry, Occupation

SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "生成演示数据"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
OCCUPATIONS = ("6-18-01-01", "6-25-02-05", "4-10-01-02", "4-03-02-01", "6-31-01-03", "4-14-01-01",
               "6-29-01-03", "4-01-02-01", "6-28-01-05", "4-13-01-01", "6-20-01-01", "4-07-03-01")
NEW_SOCIAL_ITEMS = 26  # occupations social bodies bring to the city in the year (the plan asks for 30)
DEVELOPED_ITEMS = 17  # special items employer-led bodies developed (the plan asks for 20)
CITY_SOES = ("上汽集团", "上海电气", "华谊集团", "上港集团", "光明食品", "百联集团", "锦江国际", "申能集团",
             "上海建工", "隧道股份", "上海城投", "久事集团")
CENTRAL_SOES = ("中国商飞", "宝武钢铁", "中船集团", "中国东航", "国家电网上海公司", "中国电信上海公司",
                "中交三航局", "中国铁建上海局")


def evaluation_demo_seed(*, year: int) -> dict:
    if EvaluationBody.objects.filter(city_serial="900001").exists():
        return _counts(created=False)
    with transaction.atomic():
        _Seeder(random.Random(2024), year).run()
    return _counts(created=True)


def _counts(*, created: bool) -> dict:
    return {
        "评价机构": EvaluationBody.objects.filter(is_synthetic=True).count(),
        "考试批次": EvaluationSession.objects.filter(is_synthetic=True).count(),
        "考试成绩": EvaluationResult.objects.filter(session__is_synthetic=True).count(),
        "已核准合格成绩": EvaluationResult.objects.filter(session__is_synthetic=True, status=ResultStatus.APPROVED,
                                                   passed=True).count(),
        "质量督导": Inspection.objects.filter(is_synthetic=True).count(),
        "本次新建": created,
    }


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


class _Seeder:
    def __init__(self, rng: random.Random, year: int):
        self.rng, self.year = rng, year
        self.today = date(year, 11, 15)
        self.by = system_user_get()
        self.districts = list(District.objects.order_by("code"))
        found = {o.code: o for o in Occupation.objects.filter(code__in=OCCUPATIONS)}
        self.occupations = [found[c] for c in OCCUPATIONS if c in found] or list(
            Occupation.objects.filter(code__startswith="6-").order_by("code")[:12])
        self.special = list(CatalogueEntry.objects.filter(
            version__kind=CatalogueKind.SPECIAL, version__state=CatalogueState.PUBLISHED).order_by("order", "pk"))
        self.numbers: list[str] = []
        self.small: set[str] = set()  # city serials of the second employer and college of a district: fewer candidates
        held = set(OCCUPATIONS)
        self.new_occupations = list(Occupation.objects.filter(code__regex=r"^[46]-").exclude(code__in=held)
                                    .order_by("code")[:NEW_SOCIAL_ITEMS])

    def run(self) -> None:
        bodies = self._bodies()
        self._logins(bodies)
        scopes = self._scopes(bodies)
        sites = self._sites(bodies)
        staff = self._staff(bodies)
        self._sessions(bodies, scopes, sites, staff)
        self._inspections(bodies)
        self._coverage(bodies)
        metrics_records_changed("evaluation.EvaluationResult", "evaluation.EvaluationBody", "evaluation.BodyScope")
        anomalies_run()

    # -- bodies --------------------------------------------------------------------------------------------
    def _bodies(self) -> list[EvaluationBody]:
        planned, serial = [], 900001
        for index, district in enumerate(self.districts):
            # two employer-led bodies and two colleges a district, on the scale of the plan's 30 and 30
            kinds = [BodyKind.SOCIAL, BodyKind.EMPLOYER, BodyKind.EMPLOYER, BodyKind.COLLEGE, BodyKind.COLLEGE]
            if index % 4 == 1:
                kinds.append(BodyKind.SPECIAL)
            seen: set[str] = set()
            for kind in kinds:
                second = kind in seen
                seen.add(kind)
                name = {BodyKind.SOCIAL: f"上海{district.name}职业技能评价中心",
                        BodyKind.EMPLOYER: f"上海{district.name}示范{'服务' if second else '制造'}集团有限公司",
                        BodyKind.COLLEGE: f"上海{district.name}{'高级技工学校' if second else '职业技术学院'}",
                        BodyKind.SPECIAL: f"上海{district.name}专项能力考核站"}[kind]
                if index == 0 and kind == BodyKind.EMPLOYER and not second:
                    name = "上海浦东示范制造集团有限公司" if district.code == "310115" else name
                planned.append((kind, district, name, serial))
                if second:
                    self.small.add(f"{serial:06d}")
                serial += 1
        bodies = []
        for n, (kind, district, name, serial) in enumerate(planned):
            organisation, _ = Organisation.objects.get_or_create(
                name=name, defaults={"kind": "evaluation_institution", "district": district})
            # most employer-led bodies and colleges are new in the year; social bodies were selected before it
            published_year = self.year if (kind in (BodyKind.EMPLOYER, BodyKind.COLLEGE) and n % 6 != 0) else \
                self.year - 1
            status = BodyStatus.PUBLISHED
            if n % 17 == 5:
                status, published_year = BodyStatus.APPLIED, None
            elif n % 17 == 11:
                status, published_year = BodyStatus.SCREENED, None
            published = date(published_year, 1 + n % 9, 10 + n % 15) if published_year else None
            bodies.append(EvaluationBody(
                organisation=organisation, credit_code=synthetic_uscc(rng=random.Random(f"eval-{n}"),
                                                                      region=district.code),
                name=name, kind=kind, ministry_code="0000", city_serial=f"{serial:06d}", district=district,
                status=status, published_on=published,
                applied_on=(published or date(self.year, 9, 1)) - timedelta(days=60), is_synthetic=True))
        # the accounts step's evaluation login (闵行) gets a published social body of its own
        sample = Organisation.objects.filter(name="上海示例技能评价中心").first()
        if sample is not None and not EvaluationBody.objects.filter(organisation=sample).exists():
            bodies.append(EvaluationBody(
                organisation=sample, credit_code=synthetic_uscc(rng=random.Random("eval-sample"), region="310112"),
                name=sample.name, kind=BodyKind.SOCIAL, city_serial=f"{900001 + len(planned):06d}", district=sample.district,
                status=BodyStatus.PUBLISHED, published_on=date(self.year, 3, 1), applied_on=date(self.year, 1, 5),
                is_synthetic=True))
        return bulk_create_with_history(bodies, EvaluationBody, default_user=self.by, default_change_reason=REASON)

    def _logins(self, bodies) -> None:
        body = next(b for b in bodies if b.district.code == "310115" and b.kind == BodyKind.EMPLOYER)
        user = User.objects.filter(username="eval1").first() or User(username="eval1")
        user.display_name, user.organisation = f"{body.name}评价负责人", body.organisation
        user.set_password(settings.JINENG_DEMO_PASSWORD)
        user.save()

    def _scopes(self, bodies) -> dict[int, list[BodyScope]]:
        planned = []
        developed = self.special[:DEVELOPED_ITEMS]
        socials = developers = 0
        for n, body in enumerate(bodies):
            registered = body.published_on or body.applied_on
            if body.kind == BodyKind.SPECIAL:
                for k in range(2):
                    if self.special:
                        planned.append(BodyScope(body=body, special_item=self.special[(n + k) % len(self.special)],
                                                 registered_on=registered))
            elif body.kind in (BodyKind.EMPLOYER, BodyKind.COLLEGE) and body.published_on and developed:
                # an item the body developed itself, registered when it was published
                planned.append(BodyScope(body=body, special_item=developed[developers % len(developed)],
                                         developed_by_body=True, registered_on=registered))
                developers += 1
            if body.kind != BodyKind.SPECIAL:
                for k in range(2):
                    occupation = self.occupations[(n * 2 + k) % len(self.occupations)]
                    levels = [1, 2, 3] if body.kind == BodyKind.COLLEGE else [1, 2, 3, 4, 5]
                    planned.append(BodyScope(body=body, occupation=occupation, levels=levels,
                                             registered_on=registered))
            if body.kind == BodyKind.SOCIAL and body.published_on and self.new_occupations:
                # social bodies bring occupations new to the city over the year (January to October)
                for k in range(2):
                    occupation = self.new_occupations[(socials * 2 + k) % len(self.new_occupations)]
                    registered_on = date(self.year, 1 + (socials * 2 + k) % 10, 8 + socials % 15)
                    planned.append(BodyScope(body=body, occupation=occupation, levels=[3, 4, 5],
                                             registered_on=max(registered_on, body.published_on)))
                socials += 1
        stored = bulk_create_with_history(planned, BodyScope, default_user=self.by, default_change_reason=REASON)
        by_body: dict[int, list[BodyScope]] = {}
        for scope in stored:
            by_body.setdefault(scope.body_id, []).append(scope)
        return by_body

    def _sites(self, bodies) -> dict[int, list[TestSite]]:
        planned = []
        for body in bodies:
            for k in range(2):
                lon, lat = random_point_in(body.district.geometry, rng=self.rng)
                planned.append(TestSite(body=body, name=f"第{k + 1}考点", district=body.district,
                                        address=f"{body.district.name}评价路{self.rng.randint(1, 999)}号",
                                        lon=Decimal(str(lon)), lat=Decimal(str(lat)), capacity=90))
        stored = bulk_create_with_history(planned, TestSite, default_user=self.by, default_change_reason=REASON)
        out: dict[int, list[TestSite]] = {}
        for site in stored:
            out.setdefault(site.body_id, []).append(site)
        return out

    def _person(self) -> str:
        number = synthetic_resident_id(rng=self.rng, area=self.rng.choice(self.districts).code)
        self.numbers.append(number)
        return number

    def _people(self, numbers: list[str]) -> dict[str, int]:
        rows = {n: person_row_from(resident_id_parse(n), name=self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
                                   + self.rng.choice(GIVEN + " ").strip(), is_synthetic=True) for n in numbers}
        ids = person_bulk_register(rows.values())
        return {n: ids[row.digest] for n, row in rows.items()}

    def _staff(self, bodies) -> dict[int, list[BodyStaff]]:
        plan = [(body, role, self._person()) for body in bodies
                for role in (StaffRole.EVALUATOR, StaffRole.EVALUATOR, StaffRole.EVALUATOR, StaffRole.SUPERVISOR)]
        ids = self._people([n for _, _, n in plan])
        stored = bulk_create_with_history(
            [BodyStaff(body=b, person_id=ids[n], role=r, card_no=f"KP{ids[n]:08d}") for b, r, n in plan],
            BodyStaff, default_user=self.by, default_change_reason=REASON)
        out: dict[int, list[BodyStaff]] = {}
        for s in stored:
            if s.role == StaffRole.EVALUATOR:
                out.setdefault(s.body_id, []).append(s)
        return out

    # -- sessions and results ------------------------------------------------------------------------------
    def _sessions(self, bodies, scopes, sites, staff) -> None:
        sessions, plans = [], []  # plans: (session index, candidates, pass rate, special)
        start = date(self.year - 1, 3, 1)
        published = [b for b in bodies if b.status == BodyStatus.PUBLISHED]
        for n, body in enumerate(published):
            first = max(start, body.published_on)
            day, k = first + timedelta(days=10), 0
            while day <= self.today - timedelta(days=3):
                held = [s for s in scopes[body.pk] if s.registered_on <= day] or scopes[body.pk]
                scope = held[k % len(held)]
                level = None if scope.special_item_id else self.rng.choice(scope.levels)
                status = SessionStatus.APPROVED
                if day > self.today - timedelta(days=20):
                    status = SessionStatus.HELD
                elif day > self.today - timedelta(days=40) and needs_district_approval(level):
                    status = SessionStatus.RESULTS_SUBMITTED
                site = sites[body.pk][k % 2]
                sessions.append(EvaluationSession(
                    body=body, code=f"PJ{body.city_serial}{k + 1:03d}", scope=scope, occupation=scope.occupation,
                    special_item=scope.special_item.label if scope.special_item_id else "", level=level, site=site,
                    exam_date=day, period=self.rng.choice([SessionPeriod.MORNING, SessionPeriod.AFTERNOON]),
                    status=status, planned_candidates=50, invigilators="、".join(
                        self.rng.choice(SURNAMES) + "老师" for _ in range(2)), is_synthetic=True))
                planted_pass = n == 3 and k < 6  # a body passing everyone in its first item
                candidates = self.rng.randint(20, 35) if body.city_serial in self.small else self.rng.randint(60, 82)
                plans.append((len(sessions) - 1, candidates, 1.0 if planted_pass else 0.85))
                day += timedelta(days=self.rng.randint(30, 45))
                k += 1
        # a planned session a few days ahead
        body = published[0]
        sessions.append(EvaluationSession(
            body=body, code=f"PJ{body.city_serial}900", scope=scopes[body.pk][0], occupation=scopes[body.pk][0].occupation,
            level=scopes[body.pk][0].levels[0] if scopes[body.pk][0].levels else None, site=sites[body.pk][0],
            exam_date=self.today + timedelta(days=10), status=SessionStatus.PLANNED, planned_candidates=40,
            is_synthetic=True))
        stored = bulk_create_with_history(sessions, EvaluationSession, default_user=self.by,
                                          default_change_reason=REASON)
        links = []
        for session in stored:
            for examiner in staff.get(session.body_id, [])[:2]:
                links.append(EvaluationSession.examiners.through(evaluationsession_id=session.pk,
                                                                 bodystaff_id=examiner.pk))
        EvaluationSession.examiners.through.objects.bulk_create(links)
        self._results(stored, plans)

    def _results(self, sessions, plans) -> None:
        numbers = [[self._person() for _ in range(count)] for _, count, _ in plans]
        ids = self._people([n for group in numbers for n in group])
        rows = []
        for (index, _count, rate), group in zip(plans, numbers, strict=True):
            session = sessions[index]
            for number in group:
                rows.append(self._result(session, ids[number], rate))
        # planted: eight candidates with identical scores in one session; one over-full session; one person at
        # two sites at once
        target = sessions[plans[len(plans) // 2][0]]
        base = [r for r in rows if r[0] == target.pk][:8]
        rows = [r for r in rows if not (r[0] == target.pk and r in base)]
        rows += [(target.pk, r[1], Decimal("88.0"), Decimal("90.0"), r[4] and Decimal("85.0"), True, *r[6:])
                 for r in base]
        crowded = sessions[plans[len(plans) // 3][0]]
        extra = [self._person() for _ in range(40)]
        extra_ids = self._people(extra)
        rows += [self._result(crowded, extra_ids[n], 0.8) for n in extra]
        a = sessions[plans[10][0]]
        twin = next(s for s in sessions if s.body_id != a.body_id and s.status == SessionStatus.APPROVED)
        twin_rows = [r for r in rows if r[0] == twin.pk]
        EvaluationSession.objects.filter(pk=twin.pk).update(exam_date=a.exam_date, period=a.period)
        person = next(r[1] for r in rows if r[0] == a.pk)
        if twin_rows:
            rows.append((twin.pk, person, *twin_rows[0][2:]))
        rows_insert("evaluation_evaluationresult",
                    ("session_id", "person_id", "theory_score", "practical_score", "comprehensive_score", "passed",
                     "status", "approved_at", "body_approved_at", "sampled", "resample_note"), rows)

    def _result(self, session, person_id: int, rate: float) -> tuple:
        good = self.rng.random() < rate
        def score(ok: bool) -> Decimal:  # noqa: E306
            return Decimal(self.rng.randint(600, 980) if ok else self.rng.randint(350, 595)) / 10
        failing = self.rng.choice(["t", "p"]) if not good else ""
        theory = score(failing != "t") if session.level is not None else (score(True) if self.rng.random() < .5
                                                                          else None)
        practical = score(failing != "p")
        comprehensive = score(True) if session.level in (4, 5) else None
        passed = result_passes(session.level, theory=theory, practical=practical, comprehensive=comprehensive)
        status, approved, body_approved = ResultStatus.RECORDED, None, None
        if session.status == SessionStatus.APPROVED:
            status = ResultStatus.APPROVED
            approved = self._db_time(_at(session.exam_date + timedelta(days=12)))
            body_approved = self._db_time(_at(session.exam_date + timedelta(days=7)))
        elif session.status == SessionStatus.RESULTS_SUBMITTED:
            status, body_approved = ResultStatus.BODY_APPROVED, self._db_time(_at(session.exam_date + timedelta(days=7)))
        return (session.pk, person_id, theory, practical, comprehensive, passed, status, approved, body_approved,
                False, "")

    @staticmethod
    def _db_time(value: datetime):
        return value if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(value)

    # -- supervision and coverage --------------------------------------------------------------------------
    def _inspections(self, bodies) -> None:
        office = Organisation.objects.filter(kind="programme_office").first() or demo_user("office").organisation
        districts = {o.district_id: o for o in Organisation.objects.filter(kind="district")}
        planned, findings = [], []
        published = [b for b in bodies if b.status == BodyStatus.PUBLISHED]
        for n, body in enumerate(published):
            city = n % 4 == 0
            team = office if city or body.district_id not in districts else districts[body.district_id]
            outcome = (InspectionOutcome.SERIOUS if n == 7 else InspectionOutcome.RECTIFY if n % 3 == 0
                       else InspectionOutcome.GOOD)
            score = {InspectionOutcome.SERIOUS: 52, InspectionOutcome.RECTIFY: self.rng.randint(68, 82)}.get(
                outcome, self.rng.randint(83, 98))
            planned_on = date(self.year, 3 + n % 8, 12)
            planned.append(Inspection(
                body=body, year=self.year, level=InspectionLevel.CITY if city else InspectionLevel.DISTRICT,
                mode=InspectionMode.REMOTE if n % 2 else InspectionMode.ONSITE, team=team, planned_on=planned_on,
                done_on=planned_on, score=score, outcome=outcome,
                status=InspectionStatus.DONE if outcome != InspectionOutcome.GOOD else InspectionStatus.CLOSED,
                summary="考务流程规范" if outcome == InspectionOutcome.GOOD else "发现问题，已下达整改通知",
                is_synthetic=True))
        stored = bulk_create_with_history(planned, Inspection, default_user=self.by, default_change_reason=REASON)
        for inspection in stored:
            if inspection.outcome == InspectionOutcome.RECTIFY:
                findings.append(InspectionFinding(
                    inspection=inspection, severity=Severity.MINOR, description="考场视频监控存在盲区",
                    rectify_by=inspection.done_on + timedelta(days=30),
                    rectification=self.rng.choice([RectificationStatus.REQUIRED, RectificationStatus.REPORTED])))
            elif inspection.outcome == InspectionOutcome.SERIOUS:
                findings.append(InspectionFinding(
                    inspection=inspection, severity=Severity.SERIOUS, description="考评员未按规定回避，存在代考迹象",
                    rectify_by=inspection.done_on + timedelta(days=15)))
                inspection.body.scopes.update(status="suspended",
                                              status_reason=f"质量督导发现严重问题（{inspection.done_on}）")
        bulk_create_with_history(findings, InspectionFinding, default_user=self.by, default_change_reason=REASON)

    def _coverage(self, bodies) -> None:
        employers = [b for b in bodies if b.kind == BodyKind.EMPLOYER and b.status == BodyStatus.PUBLISHED]
        rows = []
        for n, name in enumerate(CITY_SOES + CENTRAL_SOES):
            group = EmployerGroup.CITY_SOE if name in CITY_SOES else EmployerGroup.CENTRAL_SOE
            district = self.districts[n % 16]
            body = employers[n] if n < len(employers) and n % 4 != 3 else None
            rows.append(CoveredEmployer(
                name=f"{name}（示例）", credit_code=synthetic_uscc(rng=random.Random(f"soe-{n}"), region=district.code),
                group=group, parent=name, district=district, needs_self_evaluation=n % 7 != 6, body=body,
                is_synthetic=True))
        bulk_create_with_history(rows, CoveredEmployer, default_user=self.by, default_change_reason=REASON)
