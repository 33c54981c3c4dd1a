"""The competitions demo: the 2024 monthly plan (300 events across the 16 districts in the first version,
republished in June with events added, moved and cancelled), registrations, marks, results, publicity and the
certificates, as seen on 2024-11-15. Idempotent: a year that already has its plan's events is left alone.

Events, judges, registrations and marks go through the bulk writers, each with its history rows copied in the
database (``core.imports.history_copy``, through ``services.results.history_for``); results and certificates
through the services, which write theirs.
"""

import json
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_noop

from jineng.accounts.demo import demo_user
from jineng.accounts.models import Organisation, User
from jineng.competitions.choices import AspectKind, EventStatus, RegistrationStatus, Tier
from jineng.competitions.engine.calendar import EventLine
from jineng.competitions.models import Aspect, Event, Judge, Mark, PlanVersion, Registration
from jineng.competitions.services.certificates import certificates_issue_for_event
from jineng.competitions.services.plans import plan_for_year
from jineng.competitions.services.results import OBJECTION_DAYS, history_for, results_compute
from jineng.core import metrics
from jineng.core.districts import random_point_in
from jineng.core.engine.identifiers import synthetic_resident_id
from jineng.core.identifiers import resident_id_parse
from jineng.core.imports import rows_insert_with_ids
from jineng.core.models import District, Person
from jineng.core.people import person_bulk_register, person_row_from
from jineng.evaluation.choices import BodyStatus
from jineng.evaluation.models import EvaluationBody
from jineng.occupations.models import Industry, Occupation

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEEN_ON = date(2024, 11, 15)
REASON = gettext_noop("演示数据：2024 年职业技能月月赛")
FIRST_EVENTS = 300
ADDED, MOVED, CANCELLED = 20, 6, 4
JUDGE_ORG = "上海城建职业学院技能竞赛裁判组"
EMPLOYER_ORG = "上海示范精密制造有限公司"
TIER_WEIGHTS = ((Tier.MONTHLY, 80), (Tier.CITY_SPECIAL, 10), (Tier.CITY_CONTEST, 6), (Tier.NATIONAL, 2),
                (Tier.WORLDSKILLS, 2))
ASPECTS = (("A", "实际操作", AspectKind.MEASUREMENT, Decimal(60)), ("B", "工艺与安全", AspectKind.MEASUREMENT,
           Decimal(15)), ("C", "作品质量（评价）", AspectKind.JUDGEMENT, Decimal(25)))


def competitions_demo_seed(*, year: int = 2024) -> dict[str, object]:
    plan = plan_for_year(year)
    if not plan.events.exists():
        with transaction.atomic():
            _Seed(year, plan).run()
    events = Event.objects.filter(plan=plan)
    return {"赛项（计划内）": events.exclude(status=EventStatus.CANCELLED).count(),
            "计划版本": plan.versions.count(), "报名": Registration.objects.filter(event__plan=plan).count(),
            "已发证赛项": events.filter(status=EventStatus.FINAL).count()}


class _Seed:
    def __init__(self, year: int, plan) -> None:
        self.year, self.plan = year, plan
        self.rng = random.Random(2024_29)
        self.office = demo_user("office")

    def run(self) -> None:
        districts = list(District.objects.order_by("code"))
        occupations = list(Occupation.objects.filter(code__startswith="6-").order_by("code")[:120]) or list(
            Occupation.objects.order_by("code")[:120])
        industries = list(Industry.objects.order_by("order"))
        organisers = {o.district_id: o for o in Organisation.objects.filter(kind="district")}
        bodies = self._bodies(districts)
        events = self._events(districts, occupations, industries, organisers, bodies, FIRST_EVENTS, start=1)
        self._version(1, datetime(self.year, 1, 10, 9, tzinfo=SHANGHAI), "2024 年首版")
        moved = self.rng.sample([e for e in events if e.start_date > date(self.year, 7, 15)], MOVED)
        for event in moved:
            shift = timedelta(days=self.rng.choice((7, 14, 21)))
            for name in ("start_date", "end_date", "registration_opens", "registration_closes"):
                setattr(event, name, getattr(event, name) + shift)
        Event.objects.bulk_update(moved, ["start_date", "end_date", "registration_opens", "registration_closes"])
        self._history(Event, [e.pk for e in moved], "~", gettext_noop("年中调整：赛项改期"))
        cancelled = self.rng.sample([e for e in events if e.start_date > date(self.year, 7, 15) and e not in moved],
                                    CANCELLED)
        Event.objects.filter(pk__in=[e.pk for e in cancelled]).update(status=EventStatus.CANCELLED)
        self._history(Event, [e.pk for e in cancelled], "~", gettext_noop("年中调整：取消赛项"))
        self._events(districts, occupations, industries, organisers, bodies, ADDED, start=FIRST_EVENTS + 1,
                     after=date(self.year, 7, 1))
        self._version(2, datetime(self.year, 6, 20, 9, tzinfo=SHANGHAI), "年中调整：新增、调整、取消部分赛项")
        self._logins()
        self._contest()

    def _history(self, model, ids, history_type: str = "+", reason: str = REASON) -> None:
        history_for(model, ids, history_type=history_type, by=self.office, reason=reason)

    def _bodies(self, districts) -> dict[int, EvaluationBody | None]:
        published = list(EvaluationBody.objects.filter(status=BodyStatus.PUBLISHED).order_by("pk"))
        by_district = {}
        for d in districts:
            own = [b for b in published if b.district_id == d.pk]
            by_district[d.pk] = (own or published or [None])[0]
        return by_district

    def _events(self, districts, occupations, industries, organisers, bodies, count: int, *, start: int,
                after: date | None = None) -> list[Event]:
        tiers = [t for t, w in TIER_WEIGHTS for _ in range(w)]
        rows = []
        for n in range(start, start + count):
            district = districts[n % len(districts)]
            first = after or date(self.year, 1, 15)
            day = first + timedelta(days=self.rng.randrange((date(self.year, 12, 15) - first).days))
            lon, lat = random_point_in(district.geometry, rng=self.rng)
            occupation = self.rng.choice(occupations)
            tier = self.rng.choice(tiers)
            level = self.rng.choice((2, 3, 3, 4))
            rows.append(Event(
                plan=self.plan, code=f"YYS{self.year}-{n:04d}", tier=tier,
                title=f"{district.name}{occupation.name}{Tier(tier).label}"[:120], occupation=occupation,
                industry=self.rng.choice(industries) if industries else None, level_awarded=level,
                district=district, organiser=organisers.get(district.pk) or self.office.organisation,
                body=bodies.get(district.pk), venue=f"{district.name}职业技能竞赛实训基地", lon=Decimal(f"{lon:.6f}"),
                lat=Decimal(f"{lat:.6f}"), start_date=day, end_date=day + timedelta(days=self.rng.choice((0, 0, 1))),
                capacity=self.rng.choice((40, 60, 80, 120, 200)), registration_opens=day - timedelta(days=40),
                registration_closes=day - timedelta(days=7), description="技术文件：按国家职业技能标准命题，实操为主。",
                min_age=16, one_per_window=tier == Tier.MONTHLY, is_synthetic=True))
        Event.objects.bulk_create(rows)
        events = list(Event.objects.filter(code__in=[e.code for e in rows]).order_by("pk"))
        self._history(Event, [e.pk for e in events])
        Aspect.objects.bulk_create([Aspect(event=e, code=c, name=name, kind=k, max_mark=m)
                                    for e in events for c, name, k, m in ASPECTS])
        return events

    def _version(self, number: int, at: datetime, note: str) -> None:
        rows = self.plan.events.select_related("district").order_by("code")
        lines = [EventLine(e.code, e.title, e.start_date, e.end_date, e.district.code, e.venue,
                           e.status == EventStatus.CANCELLED).as_json() for e in rows]
        PlanVersion.objects.create(plan=self.plan, number=number, published_at=at, published_by=self.office,
                                   note=note, events=lines)

    def _logins(self) -> None:
        pudong = District.objects.get(code="310115")
        for username, org_name, kind, display in (
            ("judge1", JUDGE_ORG, "training_institution", "竞赛裁判（浦东赛项）"),
            ("contest_hr", EMPLOYER_ORG, "enterprise", "企业人事（竞赛报名）"),
        ):
            organisation, _created = Organisation.objects.get_or_create(
                name=org_name, defaults={"kind": kind, "district": pudong})
            user = User.objects.filter(username=username).first() or User(username=username)
            user.display_name, user.organisation = display, organisation
            user.set_password(settings.JINENG_DEMO_PASSWORD)
            user.save()
        self.judge = User.objects.get(username="judge1")
        self.employer = Organisation.objects.get(name=EMPLOYER_ORG)
        Judge.objects.bulk_create([Judge(event=e, user=self.judge, organisation=self.judge.organisation,
                                         is_chief=False)
                                   for e in Event.objects.filter(plan=self.plan, district=pudong)])
        self._history(Judge, Judge.objects.filter(user=self.judge, event__plan=self.plan).values_list("pk", flat=True))

    def _people(self, needed: int) -> list[int]:
        have = list(Person.objects.filter(is_synthetic=True).order_by("pk").values_list("pk", flat=True)[:needed])
        if len(have) >= needed:
            return have
        rows = []
        for i in range(needed - len(have)):
            number = synthetic_resident_id(rng=self.rng, born_from=date(1970, 1, 1), born_to=date(2003, 12, 31))
            rows.append(person_row_from(resident_id_parse(number), name=f"选手{i:05d}", is_synthetic=True))
        return have + list(person_bulk_register(rows).values())

    def _contest(self) -> None:
        """Registrations for every event open by the demo day; marks for the events already held."""
        events = list(Event.objects.filter(plan=self.plan).exclude(status=EventStatus.CANCELLED)
                      .filter(registration_opens__lte=SEEN_ON).order_by("start_date", "pk"))
        sizes = {e.pk: int(e.capacity * self.rng.uniform(0.5, 0.9)) for e in events}
        people = self._people(max(sizes.values(), default=0) * 4)
        rows = []
        for e in events:
            for k, person in enumerate(self.rng.sample(people, min(sizes[e.pk], len(people)))):
                rows.append((e.pk, person, self.employer.pk if k < 3 else None, None,
                             RegistrationStatus.REGISTERED,
                             min(e.registration_opens + timedelta(days=k % 20), e.registration_closes)))
        ids = rows_insert_with_ids(Registration._meta.db_table, ("event_id", "person_id", "employer_id",
                                                                 "registered_by_id", "status", "registered_on"), rows)
        self._history(Registration, ids)
        aspects: dict[int, list[Aspect]] = {}
        for a in Aspect.objects.filter(event__in=events).order_by("code"):
            aspects.setdefault(a.event_id, []).append(a)
        held = {e.pk for e in events if e.end_date < SEEN_ON}
        marks = []
        for row, registration_id in zip(rows, ids, strict=True):
            if row[0] in held:
                marks.extend((registration_id, aspect_id, value, scores, self.judge.pk)
                             for aspect_id, value, scores in self._marks(aspects[row[0]]))
        mark_ids = rows_insert_with_ids(Mark._meta.db_table, ("registration_id", "aspect_id", "value", "judge_scores",
                                                             "entered_by_id"), marks)
        self._history(Mark, mark_ids)
        self._outcomes([e for e in events if e.pk in held])
        metrics.metrics_records_changed("competitions.Registration", "competitions.Result",
                                        "certificates.Certificate", "competitions.PlanVersion")

    def _marks(self, aspects) -> list[tuple]:
        skill = self.rng.gauss(0.68, 0.14)
        out = []
        for a in aspects:
            if a.kind == AspectKind.JUDGEMENT:
                base = max(0, min(3, round(skill * 3 + self.rng.uniform(-0.5, 0.5))))
                scores = [max(0, min(3, base + self.rng.choice((0, 0, 0, 1, -1)))) for _ in range(3)]
                if max(scores) - min(scores) > 1:
                    scores = [base] * 3
                value = (Decimal(sum(scores)) / 9 * a.max_mark).quantize(Decimal("0.01"))
                out.append((a.pk, value, json.dumps(scores)))
            else:
                share = max(0.0, min(1.0, skill + self.rng.gauss(0, 0.08)))
                out.append((a.pk, (Decimal(str(share)) * a.max_mark).quantize(Decimal("0.01")), "[]"))
        return out

    def _outcomes(self, held: list[Event]) -> None:
        """Events finished by late October are final; the last ones are in publicity or still being marked."""
        done = []
        for event in held:
            if event.end_date >= SEEN_ON - timedelta(days=7):
                continue  # marks in, sign-off to come
            signed = datetime.combine(event.end_date + timedelta(days=2), time(17), tzinfo=SHANGHAI)
            publicity = event.end_date + timedelta(days=3)
            closes = publicity + timedelta(days=OBJECTION_DAYS)
            status = (EventStatus.FINAL if event.end_date < SEEN_ON - timedelta(days=21) and event.body_id
                      else EventStatus.PUBLICITY)
            Event.objects.filter(pk=event.pk).update(status=status, signed_off_at=signed,
                                                     signed_off_by=self.office,
                                                     publicity_from=publicity, objection_closes=closes)
            event.refresh_from_db()
            done.append(event.pk)
            results_compute(event, by=self.office)
            if status == EventStatus.FINAL:
                certificates_issue_for_event(event, by=self.office, issued_on=closes + timedelta(days=1))
        self._history(Event, done, "~", gettext_noop("演示数据：成绩签核、公示与发证"))
