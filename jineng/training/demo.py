"""Demo training data: institutions in all 16 districts, classes over the year, trainees, and planted fraud.

``training_demo_seed(rng=…, year=…)`` builds, in one transaction and only once (a second call finds the first
demo institution and returns the counts), 48 institutions (three per district, every kind), each with a login
organisation; logins inst1, inst2, inst3 (password ``settings.JINENG_DEMO_PASSWORD``) work for the first three
(黄浦区). Sites lie inside their district's polygon. About 150 classes of projects for urgent, new-skill and
life-service occupations run through the year; about 4,000 synthetic trainees (``is_synthetic``, valid check
characters, never real people) enrol, attend (three check-ins each, on their own phone: device ``PH-<n>``),
complete, sit the exam (about 72 % pass) and receive certificates; 60 % answer the survey. Each institution has an
inspection; 300 new-type apprentices train in 12 demo enterprises.

Planted patterns for the risk checks (class codes carry the year, shown here for 2024; the institution is the
first of its district, index order 0–15 = districts by code):

1. Device burst — class ``FR2024DEV`` (上海示范企业培训中心9, 宝山区): device ``KIOSK-BURST-01`` checks in 30
   different trainees between 08:30 and 09:14 on 2024-03-04 (normal check-ins use one phone per trainee,
   devices ``PH-<n>``).
2. Overlapping classes — five trainees are enrolled in both ``FR2024OVA`` (上海闵行区职业技术学院培训部8,
   2024-03-04 – 04-18) and ``FR2024OVB`` (上海松江区职业技术学院培训部13, 2024-03-14 – 04-28) and check in at
   both on 2024-03-18 … 03-22 (09:00 at one, 14:00 at the other).
3. Impossible travel — three trainees enrolled in ``FR2024TRA`` (上海示范职业技能培训学校16, 崇明区) and
   ``FR2024TRB`` (上海金山区公共实训基地12, 金山区) check in at the 崇明 site at 09:00 and the 金山 site at 09:15 on
   2024-03-11 (the sites are more than 40 km apart; the seed asserts it).
4. Pass-rate outlier — 上海中外合作职业培训中心10 (嘉定区) runs 养老护理员 (4-10-01-05) 四级 only in
   ``FR2024PASS1`` and ``FR2024PASS2``: 64 trainees, all passed; the same occupation and level at the other
   institutions passes about 70 % (≈ 740 of 1,080 examined).
5. Implausible ages — in ``FR2024AGE`` (上海徐汇区公共实训基地2) one trainee born 1945-05-06 (78 at enrolment)
   and one born 2010-09-01 (13).
"""

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from jineng.accounts.models import Organisation, User
from jineng.core.districts import random_point_in
from jineng.core.identifiers import resident_id_parse, synthetic_resident_id, synthetic_uscc
from jineng.core.models import District
from jineng.core.people import person_bulk_register, person_row_from
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.models import Industry, Occupation
from jineng.training.choices import InstitutionKind
from jineng.training.models import (
    Apprenticeship,
    CheckIn,
    Enrolment,
    Inspection,
    Institution,
    Site,
    SurveyResponse,
    TrainingClass,
    TrainingProject,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "演示数据"
KINDS = list(InstitutionKind.values)
# (occupation code, level or None, industry code): the urgent and new-skill candidates, and life services.
PROJECTS = [
    ("6-25-02-05", 3, "IC"), ("6-31-07-01", 2, "AI"), ("4-04-05-05", 3, "AI"), ("6-21-04-01", 3, "IC"),
    ("6-31-01-03", 3, "EQUIP"), ("4-04-05-01", 2, "EIT"), ("6-22-01-02", 3, "AUTO"), ("6-31-07-02", 2, "AI"),
    ("4-10-01-05", 2, "ELDER"), ("4-10-01-05", 3, "ELDER"), ("4-10-01-06", 2, "DOMESTIC"),
    ("4-10-01-03", 2, "INFANT"), ("4-10-01-01", None, "INFANT"), ("4-03-02-01", None, "OTHER"),
    ("4-10-03-02", 1, "OTHER"),
]
ELDER_CARE = ("4-10-01-05", 2)
OUTLIER = 9  # the institution (index) that passes every elderly-care trainee
FIRST_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
INSTITUTION_NAMES = ["上海示范职业技能培训学校{n}", "上海{d}公共实训基地{n}", "上海{d}职业技术学院培训部{n}",
                     "上海示范企业培训中心{n}", "上海中外合作职业培训中心{n}"]


def training_demo_seed(*, rng: random.Random, year: int) -> dict:
    if Institution.objects.filter(credit_code=_credit_code(0)).exists():
        return _counts(created=False)
    with transaction.atomic():
        _Seeder(rng, year).run()
    return _counts(created=True)


def _credit_code(index: int) -> str:
    district = _district_codes()[index % 16]
    return synthetic_uscc(rng=random.Random(f"training-demo-{index}"), region=district)


def _district_codes() -> list[str]:
    return list(District.objects.order_by("code").values_list("code", flat=True))


def _counts(*, created: bool) -> dict:
    institutions = Institution.objects.filter(is_synthetic=True)
    return {
        "培训机构": institutions.count(),
        "培训班": TrainingClass.objects.filter(institution__in=institutions).count(),
        "培训记录": Enrolment.objects.filter(training_class__institution__in=institutions).count(),
        "签到": CheckIn.objects.filter(enrolment__training_class__institution__in=institutions).count(),
        "新型学徒": Apprenticeship.objects.filter(enterprise__name__startswith="上海学徒制示范企业").count(),
        "本次新建": created,
    }


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI)


class _Seeder:
    def __init__(self, rng: random.Random, year: int):
        self.rng, self.year = rng, year
        # The demo year is seen in mid-November (the work plan's reports run to October): nothing after that day.
        self.today = date(year, 11, 15)
        self.districts = {d.code: d for d in District.objects.order_by("code")}
        self.occupations = {o.code: o for o in Occupation.objects.filter(
            code__in={code for code, _, _ in PROJECTS}).order_by("classification")}
        self.industries = {i.code: i for i in Industry.objects.all()}
        self.person_count = 0
        self.enrolments: list[Enrolment] = []
        self.check_ins: list[tuple[int, datetime, str, str]] = []  # (enrolment index, when, device, site key)
        self.numbers: list[str] = []  # the resident ID of each planned enrolment, in order

    # -- plan ----------------------------------------------------------------------------------------------
    def run(self) -> None:
        institutions = self._institutions()
        self._logins(institutions[:3])
        sites = self._sites(institutions)
        projects = self._projects(institutions)
        classes = self._classes(institutions, sites, projects)
        self._planted(institutions, sites, projects, classes)
        self._store_enrolments()
        self._inspections(institutions)
        self._apprenticeships(institutions)

    def _institutions(self) -> list[Institution]:
        codes = list(self.districts)
        planned = []
        for index in range(48):
            district = self.districts[codes[index % 16]]
            kind = KINDS[index % len(KINDS)]
            name = INSTITUTION_NAMES[KINDS.index(kind)].format(n=index + 1, d=district.name)
            organisation, _ = Organisation.objects.get_or_create(
                name=name, defaults={"kind": "training_institution", "district": district})
            planned.append(Institution(
                organisation=organisation, credit_code=_credit_code(index), name=name, kind=kind,
                licence_no=f"教民{district.code}{index + 1:05d}", licence_valid_until=date(self.year + 3, 12, 31),
                district=district, is_synthetic=True))
        # Index order: 0..15 one per district (黄浦 first), so inst1..inst3 are 黄浦, 徐汇, 长宁.
        return bulk_create_with_history(planned, Institution, default_change_reason=REASON)

    def _logins(self, institutions: list[Institution]) -> None:
        for number, institution in enumerate(institutions, start=1):
            user = User.objects.filter(username=f"inst{number}").first() or User(username=f"inst{number}")
            user.display_name = f"{institution.name}管理员"
            user.organisation = institution.organisation
            user.set_password(settings.JINENG_DEMO_PASSWORD)
            user.save()

    def _sites(self, institutions: list[Institution]) -> dict[int, list[Site]]:
        planned = []
        for institution in institutions:
            for n in range(1 + (institution.pk % 2)):
                lon, lat = random_point_in(institution.district.geometry, rng=self.rng)
                planned.append(Site(institution=institution, name=f"第{n + 1}教学点", district=institution.district,
                                    address=f"{institution.district.name}示范路{self.rng.randint(1, 999)}号",
                                    lon=Decimal(str(lon)), lat=Decimal(str(lat))))
        by_institution: dict[int, list[Site]] = {}
        for site in bulk_create_with_history(planned, Site, default_change_reason=REASON):
            by_institution.setdefault(site.institution_id, []).append(site)
        return by_institution

    def _projects(self, institutions: list[Institution]) -> dict[int, list[TrainingProject]]:
        planned = []
        for index, institution in enumerate(institutions):
            picks = {PROJECTS[(index * 3 + k) % len(PROJECTS)] for k in range(3)} | {(*ELDER_CARE, "ELDER")}
            for code, level, industry in sorted(picks, key=str):
                planned.append(TrainingProject(
                    institution=institution, occupation=self.occupations[code], level=level,
                    industry=self.industries.get(industry), class_hours=self.rng.choice([60, 80, 120, 160]),
                    fee=Decimal(self.rng.choice([1800, 2400, 2800, 3200])), approved_date=date(self.year - 1, 11, 1)))
        by_institution: dict[int, list[TrainingProject]] = {}
        for project in bulk_create_with_history(planned, TrainingProject, default_change_reason=REASON):
            by_institution.setdefault(project.institution_id, []).append(project)
        return by_institution

    def _classes(self, institutions, sites, projects) -> list[TrainingClass]:
        planned = []
        for number in range(140):
            institution = institutions[number % 48]
            choices = projects[institution.pk]
            if institution is institutions[OUTLIER]:  # its only 养老护理员 四级 classes are the planted ones
                choices = [p for p in choices if (p.occupation.code, p.level) != ELDER_CARE]
            project = self.rng.choice(choices)
            if number % 7 == 0 and institution is not institutions[OUTLIER]:  # a pass-rate baseline elsewhere
                project = next(p for p in choices if (p.occupation.code, p.level) == ELDER_CARE)
            start = date(self.year, 1, 22) + timedelta(days=self.rng.randint(0, 276))  # enrolled in the year
            planned.append(self._class(institution, f"BJ{self.year}{number + 1:04d}", project,
                                       self.rng.choice(sites[institution.pk]), start,
                                       capacity=self.rng.choice([30, 35, 40]), subsidised=number % 10 != 9))
        classes = bulk_create_with_history(planned, TrainingClass, default_change_reason=REASON)
        for klass in classes:
            pass_rate = 0.70 if (klass.project.occupation.code, klass.project.level) == ELDER_CARE else 0.75
            for _ in range(self.rng.randint(22, klass.capacity - 3)):
                self._enrol(klass, self._person(), pass_rate=pass_rate)
        return classes

    def _class(self, institution, code, project, site, start, *, capacity=35, subsidised=True) -> TrainingClass:
        end = start + timedelta(days=self.rng.choice([30, 45, 60]))
        status = "completed" if end < self.today else ("running" if start <= self.today else "planned")
        return TrainingClass(institution=institution, code=code, project=project, site=site, start_date=start,
                             end_date=end, capacity=capacity, teachers=f"{self.rng.choice(SURNAMES)}老师",
                             is_subsidised=subsidised, status=status)

    # -- people and records ---------------------------------------------------------------------------------
    def _person(self, *, born: date | None = None) -> str:
        self.person_count += 1
        area = self.rng.choice(list(self.districts))
        kwargs = {"born_from": born, "born_to": born} if born else {}
        return synthetic_resident_id(rng=self.rng, area=area, **kwargs)

    def _enrol(self, klass: TrainingClass, number: str, *, pass_rate: float, devices: bool = True) -> int:
        completed = klass.end_date < self.today and (pass_rate >= 1 or self.rng.random() < 0.93)
        passed = completed and self.rng.random() < pass_rate
        result = ("passed" if passed else self.rng.choice(["failed", "failed", "absent"])) if completed else ""
        certificate = klass.end_date + timedelta(days=self.rng.randint(14, 30)) if passed else None
        if certificate and certificate > self.today:
            certificate = None
        index = len(self.enrolments)
        self.enrolments.append(Enrolment(
            training_class=klass, person_id=None, enrolled_date=klass.start_date - timedelta(days=self.rng.randint(3, 20)),
            status="completed" if completed else "enrolled", completed_date=klass.end_date if completed else None,
            hours_attended=klass.project.class_hours if completed else 0, exam_result=result,
            exam_date=klass.end_date if result else None,
            certificate_no=f"S{klass.institution.credit_code[2:8]}{index:07d}" if certificate else "",
            certificate_date=certificate))
        self.numbers.append(number)
        if devices:
            for day in range(3):
                when = klass.start_date + timedelta(days=day * 7)
                if when <= self.today:
                    self.check_ins.append((index, _at(when, 8, self.rng.randint(30, 59)), f"PH-{index:06d}",
                                           "class"))
        return index

    def _planted(self, institutions, sites, projects, classes) -> None:
        by_district = {}
        for institution in institutions:
            by_district.setdefault(institution.district.code, institution)
        y = self.year

        def open_class(institution, code, project, start, capacity=40):
            klass = self._class(institution, code, project, sites[institution.pk][0], start, capacity=capacity)
            klass.end_date = start + timedelta(days=45)
            klass.status = "completed" if klass.end_date < self.today else "running"
            return bulk_create_with_history([klass], TrainingClass, default_change_reason=REASON)[0]

        def first_project(institution, wanted=None):
            if wanted:
                return next(p for p in projects[institution.pk] if (p.occupation.code, p.level) == wanted)
            return projects[institution.pk][0]

        start = date(y, 3, 4)
        # 1. one kiosk checks in 30 trainees within 45 minutes
        device_class = open_class(by_district["310113"], f"FR{y}DEV", first_project(by_district["310113"]), start)
        for n in range(30):
            index = self._enrol(device_class, self._person(), pass_rate=0.75)
            when = _at(start, 8, 30) + timedelta(minutes=n * 1.5, seconds=7)  # never on a whole minute
            self.check_ins.append((index, when, "KIOSK-BURST-01", "class"))
        # 2. five trainees in two overlapping classes, checking in at both
        ova = open_class(by_district["310112"], f"FR{y}OVA", first_project(by_district["310112"]), start)
        ovb = open_class(by_district["310117"], f"FR{y}OVB", first_project(by_district["310117"]),
                         start + timedelta(days=10))
        for _ in range(5):
            number = self._person()
            a = self._enrol(ova, number, pass_rate=0.75, devices=False)
            b = self._enrol(ovb, number, pass_rate=0.75, devices=False)
            for day in range(5):
                when = start + timedelta(days=14 + day)
                self.check_ins.append((a, _at(when, 9), f"PH-OV-{a}", "class"))
                self.check_ins.append((b, _at(when, 14), f"PH-OV-{a}", "class"))
        # 3. three trainees at sites more than 40 km apart, 15 minutes between check-ins
        tra_inst, trb_inst = by_district["310151"], by_district["310116"]
        tra = open_class(tra_inst, f"FR{y}TRA", first_project(tra_inst), start)
        trb = open_class(trb_inst, f"FR{y}TRB", first_project(trb_inst), start)
        assert _km(tra.site, trb.site) > 40  # noqa: S101 - 崇明 and 金山 are far apart by construction
        for _ in range(3):
            number = self._person()
            a = self._enrol(tra, number, pass_rate=0.75, devices=False)
            b = self._enrol(trb, number, pass_rate=0.75, devices=False)
            when = start + timedelta(days=7)
            self.check_ins.append((a, _at(when, 9), f"PH-TR-{a}", "class"))
            self.check_ins.append((b, _at(when, 9, 15), f"PH-TR-{a}", "class"))
        # 4. one institution passes all of its 64 elderly-care trainees
        outlier = institutions[OUTLIER]
        for suffix, day in (("1", 0), ("2", 60)):
            klass = open_class(outlier, f"FR{y}PASS{suffix}", first_project(outlier, ELDER_CARE),
                               start + timedelta(days=day))
            for _ in range(32):
                self._enrol(klass, self._person(), pass_rate=1.0)
        # 5. two trainees of implausible age
        age_class = open_class(by_district["310104"], f"FR{y}AGE", first_project(by_district["310104"]), start)
        for born in (date(1945, 5, 6), date(2010, 9, 1)):
            self._enrol(age_class, self._person(born=born), pass_rate=0.75)

    def _store_enrolments(self) -> None:
        rows = {}
        for number in self.numbers:
            parsed = resident_id_parse(number)
            rows[number] = person_row_from(parsed, name=self.rng.choice(SURNAMES) + self.rng.choice(FIRST_NAMES)
                                           + self.rng.choice(FIRST_NAMES + " ").strip(), is_synthetic=True)
        ids = person_bulk_register(rows.values())
        for enrolment, number in zip(self.enrolments, self.numbers, strict=True):
            enrolment.person_id = ids[rows[number].digest]
        stored = bulk_create_with_history(self.enrolments, Enrolment, batch_size=2000, default_change_reason=REASON)
        check_ins = []
        for index, when, device, _ in self.check_ins:
            enrolment = stored[index]
            site = enrolment.training_class.site
            check_ins.append(CheckIn(enrolment=enrolment, checked_at=when, site=site, lon=site.lon, lat=site.lat,
                                     method="face" if device.startswith("KIOSK") else "qr", device_id=device))
        CheckIn.objects.bulk_create(check_ins, batch_size=2000, ignore_conflicts=True)
        surveys = [SurveyResponse(enrolment=e, satisfaction=self.rng.choice([3, 4, 4, 5, 5]),
                                  answered_at=_at(e.completed_date, 17))
                   for e in stored if e.completed_date and self.rng.random() < 0.6]
        SurveyResponse.objects.bulk_create(surveys, batch_size=2000)

    def _inspections(self, institutions) -> None:
        planned = [Inspection(institution=i, inspected_date=date(self.year, self.rng.randint(4, 10), 15),
                              score=self.rng.randint(62, 98), findings=self.rng.choice(
                                  ["", "签到记录与课表一致", "部分学员签到时间集中，已要求整改", "教学点消防通道堵塞"]))
                   for i in institutions]
        bulk_create_with_history(planned, Inspection, default_change_reason=REASON)

    def _apprenticeships(self, institutions) -> None:
        codes = list(self.districts)
        enterprises = []
        for n in range(12):
            district = self.districts[codes[n % 16]]
            organisation, _ = Organisation.objects.get_or_create(
                name=f"上海学徒制示范企业{n + 1}有限公司", defaults={"kind": "enterprise", "district": district})
            enterprises.append(organisation)
            # A credit code on the demand platform: what its staff roster and its employee-training claims key on.
            EnterpriseProfile.objects.get_or_create(organisation=organisation, defaults={
                "credit_code": synthetic_uscc(rng=random.Random(7100 + n), region=district.code),
                "district": district, "industry": Industry.objects.order_by("code")[n % Industry.objects.count()],
                "size": "medium", "is_synthetic": True})
        numbers = [self._person() for _ in range(300)]
        rows = {n: person_row_from(resident_id_parse(n), name=self.rng.choice(SURNAMES) + self.rng.choice(FIRST_NAMES),
                                   is_synthetic=True) for n in numbers}
        ids = person_bulk_register(rows.values())
        occupations = [self.occupations[code] for code, level, _ in PROJECTS if level]
        planned = []
        for n, number in enumerate(numbers):
            enterprise = enterprises[n % 12]
            start = date(self.year - (n % 3 == 0), self.rng.randint(1, 12), 1)
            planned.append(Apprenticeship(
                enterprise=enterprise, person_id=ids[rows[number].digest], occupation=occupations[n % len(occupations)],
                target_level=self.rng.choice([2, 3, 4]), district=enterprise.district or self.districts[codes[0]],
                start_date=start, end_date=start + timedelta(days=365 * self.rng.choice([1, 2])),
                institution=institutions[n % 48]))
        bulk_create_with_history(planned, Apprenticeship, default_change_reason=REASON)


def _km(a: Site, b: Site) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (float(a.lat), float(a.lon), float(b.lat), float(b.lon)))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))
