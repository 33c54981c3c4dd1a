"""Demo subsidy claims on the training demo's certified enrolments, in every state, with planted fraud.

``subsidies_demo_seed(rng=…, year=…)`` runs once (a second call finds batch ``PB<year>DEMO1`` and only returns
the counts) and does nothing, saying so, when the training demo has no certified enrolments yet. Claims go
through the real services (checks, trace, audit), then their dates are set back into ``year``.

What it builds (for year 2024; claim numbers are ``BT2024-<district>-<6 characters>``):

* about 420 claims of the Shanghai skill-upgrading subsidy (and about 10 % under the unemployment-insurance
  scheme) on certified enrolments, submitted 3–60 days after the certificate; 12 are submitted 13 months
  late and fail the deadline check; 60 new-type apprenticeship claims by the apprenticeship demo enterprises;
  15 enterprise employee-training claims, each for a trainee on the enterprise's roster (ent1–ent3 get three
  employees each to claim for themselves); the outcome of each claim is drawn: rejected (with a reason),
  withdrawn, left in review, approved, batched, paid, payment failed.
* three payment batches: ``PB2024DEMO1`` settled (paid on 2024-10-18, six payments failed with a bank
  reason, two of which are re-batched), ``PB2024DEMO2`` sent on 2024-11-06 and pending,
  ``PB2024DEMO3`` a draft of 2024-11-12. Every claim is submitted and decided by 2024-10-25 (the 12 late ones
  excepted: they are late by construction).
* a login for the submitting user of each claimant organisation (``claims-<organisation id>``, no password).

Planted patterns for the risk checks:

a. Duplicate across institutions and districts — three trainees of 养老护理员 (4-10-01-05) 四级 at a
   non-浦东 institution, each also enrolled and certified in class ``FR2024DUP`` (same occupation and level)
   of the first 浦东 demo institution. The first claim of each is PAID; the second was refused by the
   once-per-level check (CHECK_FAILED, the unique index forbids two active claims).
   Near-duplicate that slips through — two trainees of 养老护理员 三级 at a non-浦东 institution are also
   certified in class ``FR2024NEAR`` of the same 浦东 institution, project 养老护理员 三级 of work type
   “失智照护”: both claims of each pass the checks and are PAID (same person, occupation and level, twice).
b. Burst — the first 闵行区 (310112) demo institution submits 45 claims for class ``FR2024BURST`` on
   2024-10-22 between 10:00:00 and 10:08:48 (one every 12 seconds).
c. Beyond capacity — class ``FR2024CAP`` of the first 徐汇区 (310104) demo institution has capacity 20 but 28
   certified enrolments, and 28 claims.
d. Course funded twice (refused) — three enrolments funded by an enterprise employee-training claim get a
   skill-upgrading claim as well: CHECK_FAILED with the "not combined" reason.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_create_with_history

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation, User
from jineng.certificates.services.enrolments import certificates_register_enrolments
from jineng.core.identifiers import synthetic_resident_id
from jineng.core.people import person_register
from jineng.demand.choices import EmploymentSource
from jineng.demand.services.employment import employment_record
from jineng.occupations.models import Occupation, WorkType
from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.models import Claim, Payment, PaymentBatch, Scheme
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.training.choices import EnrolmentStatus, ExamResult
from jineng.training.models import Apprenticeship, Enrolment, Institution, TrainingClass, TrainingProject

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_ENTERPRISE_LOGINS = ("ent1", "ent2", "ent3")  # the demand demo's enterprise logins
ELDER_CARE = "4-10-01-05"
REJECT_REASONS = ["证书信息在市人社局网站查询不到", "申请人类别与参保记录不符", "培训记录出勤不足核定课时的80%",
                  "证书持有人与申请人身份信息不一致"]
FAIL_REASONS = ["收款账户已销户", "户名与账号不符", "账户冻结"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def subsidies_demo_seed(*, rng: random.Random, year: int) -> dict:
    if PaymentBatch.objects.filter(number=f"PB{year}DEMO1").exists():
        return _counts(year) | {"本次新建": False}
    if not _certified(year).exists():
        return {"说明": "没有已取得证书的培训记录（请先生成培训演示数据），未生成补贴演示数据"}
    with transaction.atomic():
        _Seeder(rng, year).run()
    return _counts(year) | {"本次新建": True}


def _certified(year: int):
    return (Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, exam_result=ExamResult.PASSED,
                                     certificate_date__gte=date(year, 1, 1), certificate_date__lte=date(year, 10, 22),
                                     training_class__institution__is_synthetic=True)
            .exclude(certificate_no="").exclude(training_class__code__startswith="FR"))


def _counts(year: int) -> dict:
    claims = Claim.objects.filter(number__startswith=f"BT{year}-")
    counts = {f"补贴申请（{label}）": claims.filter(status=value).count() for value, label in ClaimStatus.choices}
    return counts | {"拨付批次": PaymentBatch.objects.filter(number__startswith=f"PB{year}DEMO").count()}


def _at(day: date, hour: int = 10, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=SHANGHAI)


@dataclass
class _Seeder:
    rng: random.Random
    year: int
    users: dict = field(default_factory=dict)
    must_pay: list = field(default_factory=list)  # claims planted as paid
    keep: set = field(default_factory=set)  # claims whose state the plant decides
    serial: int = 0

    @property
    def until(self) -> date:
        """The last day a demo claim is submitted or decided: the risk pass runs three days later."""
        return date(self.year, 10, 25)

    def run(self) -> None:
        self.office = _office_user()
        self.schemes = {s.code: s for s in Scheme.objects.all()}
        used: set[int] = set()
        self._duplicates(used)
        self._burst()
        self._beyond_capacity()
        self._regular(used)
        self._enterprise_training(used)
        self._apprenticeships()
        self._outcomes()

    # -- helpers ---------------------------------------------------------------------------------------------
    def submitter(self, organisation: Organisation) -> User:
        if organisation.pk not in self.users:
            user, created = User.objects.get_or_create(username=f"claims-{organisation.pk}", defaults={
                "organisation": organisation, "display_name": f"{organisation.name}申报员"})
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            self.users[organisation.pk] = user
        return self.users[organisation.pk]

    def submit(self, enrolment, *, at: datetime, scheme: str = "sh_skill_upgrade", category: str = "employed",
               by=None) -> Claim:
        by = by or self.submitter(enrolment.training_class.institution.organisation)
        certificates_register_enrolments([enrolment])  # the claim check reads the certificate register
        return claim_services.claim_submit(by=by, scheme=self.schemes[scheme], enrolment=enrolment,
                                           applicant_category=category, submitted_at=at, rng=self.rng)

    def person(self, area: str):
        number = synthetic_resident_id(rng=self.rng, area=area)
        name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2)))
        return person_register(resident_id=number, name=name, is_synthetic=True)

    def plant_class(self, institution: Institution, code: str, *, occupation: str, level: int | None,
                    capacity: int, end: date, work_type: str = "") -> TrainingClass:
        occupation_row = Occupation.objects.filter(code=occupation).order_by("-classification").first()
        work_type_row = None
        if work_type:
            work_type_row, _ = WorkType.objects.get_or_create(occupation=occupation_row, name=work_type,
                                                              defaults={"initials": "SZZH"})
        project = (TrainingProject.objects.filter(institution=institution, occupation=occupation_row,
                                                  work_type=work_type_row, level=level).first()
                   or TrainingProject.objects.create(institution=institution, occupation=occupation_row,
                                                     work_type=work_type_row, level=level, class_hours=120,
                                                     fee="2600.00", approved_date=date(self.year, 1, 5)))
        return TrainingClass.objects.create(
            institution=institution, code=f"{code[:2]}{self.year}{code[2:]}", project=project,
            site=institution.sites.order_by("pk").first(), start_date=end - timedelta(days=60), end_date=end,
            capacity=capacity, teachers="李老师", status="completed")

    def certify(self, klass: TrainingClass, people) -> list[Enrolment]:
        rows = []
        for who in people:
            self.serial += 1
            rows.append(Enrolment(
                training_class=klass, person=who, enrolled_date=klass.start_date - timedelta(days=5),
                status=EnrolmentStatus.COMPLETED, completed_date=klass.end_date,
                hours_attended=klass.project.class_hours, exam_result=ExamResult.PASSED, exam_date=klass.end_date,
                certificate_no=f"S{klass.institution.credit_code[2:8]}9{self.serial:06d}",
                certificate_date=klass.end_date + timedelta(days=15)))
        bulk_create_with_history(rows, Enrolment, default_change_reason="补贴演示数据")
        return list(Enrolment.objects.filter(training_class=klass).select_related(
            "person", "training_class__institution__organisation", "training_class__project").order_by("pk"))

    # -- planted patterns --------------------------------------------------------------------------------------
    def _duplicates(self, used: set[int]) -> None:
        pudong = Institution.objects.filter(is_synthetic=True, district__code="310115").order_by("pk").first()
        others = _certified(self.year).exclude(training_class__institution__district__code="310115").filter(
            training_class__project__occupation__code=ELDER_CARE, certificate_date__lte=date(self.year, 9, 15))
        twice = list(others.filter(training_class__project__level=2).order_by("pk")[:3])
        near = list(others.filter(training_class__project__level=3).order_by("pk")[:2])
        for group, code, level, work_type in ((twice, "FRDUP", 2, ""), (near, "FRNEAR", 3, "失智照护")):
            if not group:
                continue
            klass = self.plant_class(pudong, code, occupation=ELDER_CARE, level=level, capacity=30,
                                     end=date(self.year, 9, 1), work_type=work_type)
            seconds = self.certify(klass, [e.person for e in group])
            for first, second in zip(group, seconds, strict=True):
                used.add(first.pk)
                paid = self.submit(first, at=_at(first.certificate_date + timedelta(days=5)))
                again = self.submit(second, at=_at(second.certificate_date + timedelta(days=3), 14))
                if paid.status == ClaimStatus.IN_REVIEW:
                    self.must_pay.append(paid)
                self.keep.update({paid.pk, again.pk})
                if again.status == ClaimStatus.IN_REVIEW:  # the near-duplicate slips through and is paid
                    self.must_pay.append(again)

    def _burst(self) -> None:
        institution = Institution.objects.filter(is_synthetic=True, district__code="310112").order_by("pk").first()
        klass = self.plant_class(institution, "FRBURST", occupation="4-10-01-06", level=2, capacity=50,
                                 end=date(self.year, 9, 20))
        people = [self.person(institution.district.code) for _ in range(45)]
        start = _at(date(self.year, 10, 22), 10)
        for index, enrolment in enumerate(self.certify(klass, people)):
            self.submit(enrolment, at=start + timedelta(seconds=12 * index))

    def _beyond_capacity(self) -> None:
        institution = Institution.objects.filter(is_synthetic=True, district__code="310104").order_by("pk").first()
        klass = self.plant_class(institution, "FRCAP", occupation="4-10-01-03", level=2, capacity=20,
                                 end=date(self.year, 8, 20))
        people = [self.person(institution.district.code) for _ in range(28)]
        for index, enrolment in enumerate(self.certify(klass, people)):
            self.submit(enrolment, at=_at(date(self.year, 9, 10) + timedelta(days=index % 4), 9 + index % 8))

    # -- ordinary claims ---------------------------------------------------------------------------------------
    def _regular(self, used: set[int]) -> None:
        pool = list(_certified(self.year).exclude(pk__in=used).select_related(
            "person", "training_class__institution__organisation", "training_class__project").order_by("pk"))
        chosen = self.rng.sample(pool, min(420, len(pool)))
        self.spare = [e for e in pool if e not in set(chosen)]
        for index, enrolment in enumerate(chosen):
            used.add(enrolment.pk)
            late = index < 12
            room = (self.until - enrolment.certificate_date).days
            delay = timedelta(days=400 + index) if late else timedelta(days=self.rng.randint(min(3, room), min(60, room)))
            at = _at(enrolment.certificate_date + delay, self.rng.randint(9, 16), self.rng.randint(0, 59))
            if self.rng.random() < 0.1 and enrolment.training_class.project.level in (1, 2, 3):
                self.submit(enrolment, at=at, scheme="ui_skill_upgrade",
                            category=self.rng.choice(["insured_employee", "ui_recipient"]))
            else:
                category = self.rng.choices(["employed", "unemployed_hukou", "disabled", "veteran", "college_graduate",
                                             "vocational_graduate"], weights=[70, 14, 3, 3, 6, 4])[0]
                if category == "college_graduate" and (enrolment.training_class.project.level or 0) < 2:
                    category = "employed"
                self.submit(enrolment, at=at, category=category)

    def _enterprise_training(self, used: set[int]) -> None:
        enterprises = list(Organisation.objects.filter(kind=OrganisationKind.ENTERPRISE, apprenticeships__isnull=False,
                                                       enterprise_profile__isnull=False).distinct().order_by("pk"))
        spare = [e for e in self.spare if e.pk not in used][:15]
        self._login_employees([e for e in self.spare if e.pk not in used][15:24])
        if not enterprises or not spare:
            return
        for index, enrolment in enumerate(spare):
            by = self.submitter(enterprises[index % len(enterprises)])
            self.employ(by.organisation, enrolment, index)
            claim_services.claim_submit(by=by, scheme=self.schemes["ent_training"], enrolment=enrolment,
                                        applicant_category="employed", rng=self.rng,
                                        submitted_at=_at(min(enrolment.completed_date + timedelta(days=10),
                                                             self.until)))
        for enrolment in spare[:3]:  # the same course claimed again as skill upgrading: refused
            refused = self.submit(enrolment, at=_at(min(enrolment.certificate_date + timedelta(days=20), self.until), 15))
            self.keep.add(refused.pk)

    def employ(self, organisation: Organisation, enrolment, index: int) -> None:
        """The enterprise's roster has the trainee since well before the class (what its claim rests on)."""
        employment_record(enterprise=organisation.enterprise_profile, person=enrolment.person,
                          start_date=enrolment.training_class.start_date - timedelta(days=90 + 30 * (index % 12)),
                          source=EmploymentSource.ROSTER, source_detail="演示花名册", by=self.office)

    def _login_employees(self, enrolments) -> None:
        """ent1–ent3 each employ three certified trainees not yet claimed for: they can try a claim themselves."""
        logins = list(User.objects.filter(username__in=DEMO_ENTERPRISE_LOGINS, organisation__enterprise_profile__isnull=False)
                      .select_related("organisation__enterprise_profile").order_by("username"))
        for index, enrolment in enumerate(enrolments[: 3 * len(logins)]):
            self.employ(logins[index // 3].organisation, enrolment, index)

    def _apprenticeships(self) -> None:
        rows = (Apprenticeship.objects.filter(start_date__year__lte=self.year, end_date__year__gte=self.year)
                .select_related("enterprise").order_by("pk")[:60])
        for index, apprenticeship in enumerate(rows):
            claim_services.claim_submit(
                by=self.submitter(apprenticeship.enterprise), scheme=self.schemes["apprenticeship"],
                apprenticeship=apprenticeship, applicant_category="employed", period_year=self.year, rng=self.rng,
                submitted_at=_at(date(self.year, 6, 1) + timedelta(days=index % 90), 11))

    # -- review and payment ------------------------------------------------------------------------------------
    def _outcomes(self) -> None:
        claims = list(Claim.objects.filter(number__startswith=f"BT{self.year}-", status=ClaimStatus.IN_REVIEW)
                      .exclude(pk__in=self.keep).order_by("submitted_at", "pk"))
        self.rng.shuffle(claims)
        share = len(claims)
        rejected, withdrawn = claims[: share * 8 // 100], claims[share * 8 // 100: share * 12 // 100]
        in_review = claims[share * 12 // 100: share * 27 // 100]
        approved = self.must_pay + claims[share * 27 // 100:]
        for claim in rejected:
            claim_services.claim_reject(claim=claim, by=self.office, reason=self.rng.choice(REJECT_REASONS))
        for claim in withdrawn:
            claim_services.claim_withdraw(claim=claim, by=claim.submitted_by, reason="申请人信息有误，撤回重报")
        for claim in approved:
            claim_services.claim_approve(claim=claim, by=self.office)
        self._decided_dates(rejected + withdrawn + approved)
        self._batches(approved, in_review)

    def _decided_dates(self, claims) -> None:
        for claim in claims:
            decided = min(claim.submitted_at + timedelta(days=self.rng.randint(2, 12)), _at(self.until, 17))
            Claim.objects.filter(pk=claim.pk).update(decided_at=decided)

    def _batches(self, approved, in_review) -> None:
        cutoff = _at(date(self.year, 9, 25))  # decided before the first batch is made up
        early = [c for c in approved if c.submitted_at < cutoff]
        must = {c.pk for c in self.must_pay}
        first = [c for c in approved if c.pk in must] + [c for c in early if c.pk not in must][: int(len(early) * 0.75)]
        rest = [c for c in approved if c.pk not in {x.pk for x in first}]
        batch1 = self.batch(first, 1)
        payment_services.payment_batch_send(batch=batch1, by=self.office)
        payments = list(batch1.payments.order_by("pk"))
        failed = [p for p in payments if p.claim_id not in must][:6]
        for payment in failed:
            payment_services.payment_mark_failed(payment=payment, by=self.office, reason=self.rng.choice(FAIL_REASONS))
        for index, payment in enumerate(p for p in payments if p not in failed):
            payment_services.payment_mark_paid(payment=payment, by=self.office, reference=f"ICBC{self.year}{index:06d}",
                                               paid_at=_at(date(self.year, 10, 18), 15))
        rebatch = [p.claim for p in failed[:2]]
        second, third = rest[: len(rest) // 2], rest[len(rest) // 2:]
        keep_approved = third[-max(1, len(third) // 3):] if third else []
        third = [c for c in third if c not in keep_approved]
        batch2 = self.batch(rebatch + second, 2)
        payment_services.payment_batch_send(batch=batch2, by=self.office)
        if third:
            self.batch(third, 3)
        self._batch_dates()
        del in_review  # stays in review: the reviewer's queue

    def batch(self, claims, index: int) -> PaymentBatch:
        return payment_services.payment_batch_create(by=self.office, claim_ids=[c.pk for c in claims],
                                                     number=f"PB{self.year}DEMO{index}")

    def _batch_dates(self) -> None:
        dates = {1: (date(self.year, 10, 8), date(self.year, 10, 10), date(self.year, 10, 18)),
                 2: (date(self.year, 11, 4), date(self.year, 11, 6), None),
                 3: (date(self.year, 11, 12), None, None)}
        for index, (created, sent, settled) in dates.items():
            PaymentBatch.objects.filter(number=f"PB{self.year}DEMO{index}").update(
                created_at=_at(created, 9), sent_at=_at(sent, 16) if sent else None,
                settled_at=_at(settled, 17) if settled else None)
        Payment.objects.filter(Q(batch__number=f"PB{self.year}DEMO1"), status="paid").update(
            paid_at=_at(date(self.year, 10, 18), 15))


def _office_user() -> User:
    office = Organisation.objects.filter(kind=OrganisationKind.PROGRAMME_OFFICE).order_by("pk").first()
    user = User.objects.filter(organisation=office).order_by("pk").first()
    if user is None:
        user = User.objects.create(username="subsidy-office", organisation=office, display_name="专班办公室（补贴审核）")
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
