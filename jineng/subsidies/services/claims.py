"""Claims: submission with the automatic checks, review, withdrawal. Every change is audited.

A claim passes the checks into review or stops as "check failed" with the reasons the claimant reads. The
partial unique indexes on Claim catch what a race lets past the checks: the IntegrityError becomes the
Chinese duplicate message, so two simultaneous submissions of the same claim leave one active claim.
"""
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from jineng.certificates.selectors import NOT_FOUND, VALID, RegisterAnswer, certificate_state_on
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import resident_id_parse
from jineng.core.models import District, Person
from jineng.core.people import person_find
from jineng.demand.models import Employment, EnterpriseProfile
from jineng.demand.selectors.employment import employment_covering
from jineng.occupations.choices import CatalogueKind
from jineng.recognition.selectors import recognised_certificate
from jineng.subsidies import permissions
from jineng.subsidies.choices import ACTIVE_CLAIM_STATES, ClaimantKind, ClaimStatus
from jineng.subsidies.engine import ClaimFacts, PriorClaim, QuoteError, claim_checks, failures, quote
from jineng.subsidies.models import Claim, Scheme
from jineng.subsidies.selectors.parameters import parameters_on
from jineng.subsidies.services.common import NotAllowed, random_code
from jineng.subsidies.services.quotes import claim_case
from jineng.subsidies.workflows import CLAIM_WORKFLOW
from jineng.training.choices import EnrolmentStatus, ExamResult

DUPLICATE = gettext_lazy("该人员已有同一职业（工种）同一等级、同一培训记录或同一学徒年度的有效补贴申请，不能重复申请；"
             "如需重新申请，请先撤回原申请。")


@dataclass(frozen=True)
class ClaimSubject:
    """What a claim is about, resolved from the enrolment, the apprenticeship or the form."""

    person: Person
    district: District
    occupation: object
    work_type: object
    level: int | None
    certificate_no: str
    certificate_date: date | None
    class_hours: int | None
    period_year: int
    enrolment: object = None
    apprenticeship: object = None


def claim_number(*, year: int, district_code: str, rng=None) -> str:
    """BT2024-15-7K3M9Q: year, district, six characters without look-alikes."""
    return f"BT{year}-{district_code[-2:]}-{random_code(rng=rng)}"


def claimant_of(by) -> tuple[str, object]:
    if by is None:
        return ClaimantKind.PERSON, None
    if permissions.claims_for_trainees(by):
        return ClaimantKind.INSTITUTION, by.organisation
    if permissions.user_can(by, "subsidies.claim_as_employer"):
        return ClaimantKind.ENTERPRISE, by.organisation
    if permissions.user_can(by, "subsidies.claim_for_self"):
        return ClaimantKind.PERSON, None
    raise NotAllowed(_("只有培训机构和企业可以提交补贴申请"))


def claim_submit(*, by, scheme: Scheme, applicant_category: str, person: Person | None = None,
                 resident_id: str = "", enrolment=None, apprenticeship=None, occupation=None, work_type=None,
                 level: int | None = None, certificate_no: str = "", certificate_date: date | None = None,
                 period_year: int | None = None, district: District | None = None,
                 submitted_at: datetime | None = None, number: str = "", rng=None) -> Claim:
    """Check and file a claim: IN_REVIEW when every check passes, CHECK_FAILED with the reasons otherwise."""
    if not scheme.is_active:
        raise DomainError(_("“{name}”已停止受理").format(name=scheme.name))
    kind, organisation = claimant_of(by)
    if person is None and resident_id:
        person = _person_by_number(resident_id)
    subject = _subject(scheme=scheme, person=person, enrolment=enrolment, apprenticeship=apprenticeship,
                       occupation=occupation, work_type=work_type, level=level, certificate_no=certificate_no,
                       certificate_date=certificate_date, period_year=period_year, district=district)
    employment = _check_claimant(kind, organisation, subject, scheme, by=by)
    submitted_at = submitted_at or timezone.now()
    case, day = claim_case(scheme=scheme, occupation=subject.occupation, work_type=subject.work_type,
                           level=subject.level, applicant_category=applicant_category,
                           certificate_date=subject.certificate_date, class_hours=subject.class_hours,
                           period_year=subject.period_year)
    parameters = parameters_on(scheme, day)
    try:
        result = quote(case, parameters)
        amount, trace, quote_failure = result.amount, result.as_dict(), []
    except QuoteError as exc:
        amount, trace, quote_failure = 0, {"amount": "0.00", "trace": [], "versions": []}, [str(exc)]
    try:
        with transaction.atomic():
            # One claim per person at a time: the yearly count and the level rules see every earlier claim.
            Person.objects.select_for_update().filter(pk=subject.person.pk).first()
            facts = _facts(scheme, subject, applicant_category, case, submitted_at)
            results = claim_checks(facts, parameters)
            reasons = quote_failure + failures(results)
            trace["checks"] = [r.as_dict() for r in results]
            if employment is not None:
                trace["employment"] = employment_evidence(employment)
            claim = Claim(
                number=number or claim_number(year=subject.period_year, district_code=subject.district.code, rng=rng),
                scheme=scheme, claimant_kind=kind, claimant_organisation=organisation, person=subject.person,
                district=subject.district, applicant_category=applicant_category, occupation=subject.occupation,
                work_type=subject.work_type, level=subject.level,
                certificate_no=subject.certificate_no if scheme.per_certificate else "",
                certificate_date=subject.certificate_date, enrolment=subject.enrolment,
                apprenticeship=subject.apprenticeship, period_year=subject.period_year,
                amount=0 if reasons else amount, trace=trace, check_failures=reasons,
                status=ClaimStatus.CHECK_FAILED if reasons else ClaimStatus.IN_REVIEW,
                submitted_by=by, submitted_at=submitted_at,
            )
            save_audited(claim, by=by, reason=gettext_noop("提交补贴申请") + (gettext_noop("（自动校验未通过）") if reasons else ""))
    except IntegrityError as exc:
        if "number" in str(exc).lower() and "claim_once" not in str(exc):
            raise DomainError(_("申请编号冲突，请重新提交")) from exc
        raise DomainError(DUPLICATE) from exc
    return claim


def _person_by_number(resident_id: str) -> Person:
    parsed = resident_id_parse(resident_id)  # InvalidIdentifier is a DomainError with a Chinese message
    person = person_find(parsed.number)
    if person is None:
        raise DomainError(_("人员库中没有该身份证号，请先登记培训记录"))
    return person


def _subject(*, scheme, person, enrolment, apprenticeship, occupation, work_type, level, certificate_no,
             certificate_date, period_year, district) -> ClaimSubject:
    if scheme.rule == "apprentice" or apprenticeship is not None:
        return _apprenticeship_subject(apprenticeship, period_year)
    if enrolment is not None:
        return _enrolment_subject(scheme, enrolment)
    if scheme.rule == "course":
        raise DomainError(_("企业职工培训补贴须选择一条培训记录"))
    if person is None or occupation is None:
        raise DomainError(_("请填写人员和职业"))
    if not certificate_no or certificate_date is None:
        raise DomainError(_("请填写证书编号和发证日期"))
    if district is None:
        district = District.objects.filter(code=person.area_code).first() or District.objects.order_by("code").first()
    return ClaimSubject(person=person, district=district, occupation=occupation, work_type=work_type, level=level,
                        certificate_no=certificate_no, certificate_date=certificate_date, class_hours=None,
                        period_year=certificate_date.year)


def _enrolment_subject(scheme, enrolment) -> ClaimSubject:
    project = enrolment.training_class.project
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise DomainError(_("该学员尚未结业，不能申请补贴"))
    if scheme.per_certificate and (enrolment.exam_result != ExamResult.PASSED or not enrolment.certificate_no
                                   or enrolment.certificate_date is None):
        raise DomainError(_("该培训记录没有合格证书，不能申请技能提升补贴"))
    day = enrolment.certificate_date if scheme.per_certificate else enrolment.completed_date
    return ClaimSubject(
        person=enrolment.person, district=enrolment.training_class.institution.district,
        occupation=project.occupation, work_type=project.work_type, level=project.level,
        certificate_no=enrolment.certificate_no, certificate_date=enrolment.certificate_date,
        class_hours=project.class_hours, period_year=(day or enrolment.enrolled_date).year, enrolment=enrolment,
    )


def _apprenticeship_subject(apprenticeship, period_year) -> ClaimSubject:
    if apprenticeship is None:
        raise DomainError(_("新型学徒制补贴须选择一名学徒"))
    year = period_year or timezone.localdate().year
    if not apprenticeship.start_date.year <= year <= apprenticeship.end_date.year:
        raise DomainError(_("{year} 年不在该学徒的培养期（{start_date}—{end_date}）内").format(year=year, start_date=apprenticeship.start_date, end_date=apprenticeship.end_date))
    return ClaimSubject(person=apprenticeship.person, district=apprenticeship.district,
                        occupation=apprenticeship.occupation, work_type=None, level=apprenticeship.target_level,
                        certificate_no="", certificate_date=None, class_hours=None, period_year=year,
                        apprenticeship=apprenticeship)


def _check_claimant(kind, organisation, subject: ClaimSubject, scheme: Scheme, *, by=None) -> Employment | None:
    if kind == ClaimantKind.PERSON and by is not None:
        if subject.person.pk != by.person_id or subject.enrolment is None:
            raise NotAllowed(_("劳动者本人只能用自己的培训记录申请"))
        if scheme.beneficiary != "person":
            raise NotAllowed(_("劳动者本人只能申请个人补贴"))
    if kind == ClaimantKind.INSTITUTION:
        if subject.enrolment is None or subject.enrolment.training_class.institution.organisation_id != organisation.pk:
            raise NotAllowed(_("培训机构只能为本机构学员的培训记录代为申请"))
        if scheme.beneficiary != "person":
            raise NotAllowed(_("培训机构只能代学员申请个人补贴"))
    if kind == ClaimantKind.ENTERPRISE:
        if scheme.beneficiary != "enterprise":
            raise NotAllowed(_("企业只能申请企业类补贴"))
        if subject.apprenticeship is not None and subject.apprenticeship.enterprise_id != organisation.pk:
            raise NotAllowed(_("企业只能为本企业的学徒申请"))
        if subject.enrolment is not None:
            return _employment_during_training(organisation, subject.enrolment)
    return None


def _employment_during_training(organisation, enrolment) -> Employment:
    """An enterprise claims for its own staff only: employed by it from the class's start to completion."""
    profile = EnterpriseProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        raise DomainError(_("本企业尚未登记企业信息（统一社会信用代码），不能申请企业职工培训补贴；请先在需求填报平台登记企业信息"))
    start = enrolment.training_class.start_date
    end = enrolment.completed_date or enrolment.training_class.end_date
    record = employment_covering(enterprise_id=profile.pk, person_id=enrolment.person_id, start_date=start,
                                 end_date=max(start, end))
    if record is None:
        raise DomainError(_("%(name)s在培训期间（%(start)s 至 %(end)s）不是本企业的在职职工，不能申请企业职工培训补贴："
                            "平台上没有本企业与该人员覆盖这段时间的在职记录。请先在“职工花名册”上传其入职日期，"
                            "或请培训机构在培训记录中登记本企业为用人单位。")
                          % {"name": enrolment.person.name, "start": start, "end": end})
    return record


def employment_evidence(record: Employment) -> dict:
    """What the reviewer sees of the employment a claim rests on, as it stood when the claim was made."""
    return {"id": record.pk, "enterprise": record.enterprise.organisation.name,
            "credit_code": record.enterprise.credit_code, "source": record.source,
            "source_label": str(record.get_source_display()), "source_detail": record.source_detail,
            "start_date": record.start_date.isoformat(),
            "end_date": record.end_date.isoformat() if record.end_date else ""}


def _facts(scheme, subject: ClaimSubject, category: str, case, submitted_at) -> ClaimFacts:
    prior = tuple(
        PriorClaim(number=c.number, scheme_code=c.scheme.code, per_certificate=c.scheme.per_certificate,
                   occupation_code=c.occupation.code, work_type=c.work_type.name if c.work_type_id else "",
                   level=c.level, applicant_category=c.applicant_category, period_year=c.period_year,
                   active=c.status in ACTIVE_CLAIM_STATES, enrolment_id=c.enrolment_id)
        for c in Claim.objects.filter(person=subject.person).select_related("scheme", "occupation", "work_type")
        .order_by("submitted_at", "pk")
    )
    funded_by = next((p.number for p in prior if p.active and subject.enrolment is not None
                      and p.enrolment_id == subject.enrolment.pk), "")
    special = next((m.listed_on for m in case.memberships if m.kind == CatalogueKind.SPECIAL), None)
    register = None
    if scheme.per_certificate and subject.certificate_no:
        register = certificate_state_on(number=subject.certificate_no, person_id=subject.person.pk,
                                        day=timezone.localdate(submitted_at))
        if register.state == NOT_FOUND:
            register = _overseas_recognition(subject, timezone.localdate(submitted_at)) or register
    return ClaimFacts(
        scheme_code=scheme.code, per_certificate=scheme.per_certificate, occupation_code=subject.occupation.code,
        occupation_name=subject.occupation.name, work_type=subject.work_type.name if subject.work_type else "",
        level=subject.level, applicant_category=category, certificate_date=subject.certificate_date,
        submitted_on=timezone.localdate(submitted_at), period_year=subject.period_year,
        enrolment_id=subject.enrolment.pk if subject.enrolment else None, enrolment_funded_by=funded_by,
        urgent_occupation=any(m.kind == CatalogueKind.URGENT for m in case.memberships),
        special_listed_on=special if subject.level is None else None, prior=prior,
        certificate_no=subject.certificate_no, register_state=register.state if register else "",
        register_status_date=register.status_date if register else None,
        register_reason=register.status_reason if register else "",
    )


def _overseas_recognition(subject: ClaimSubject, day) -> RegisterAnswer | None:
    """A recognised overseas certificate counts as a register certificate of its mapped level (item 26)."""
    recognition = recognised_certificate(number=subject.certificate_no, person=subject.person,
                                         occupation=subject.occupation, on_date=day)
    if recognition is None or (subject.level is not None and recognition.level < subject.level):
        return None
    return RegisterAnswer(VALID, issued_on=recognition.issued_on or recognition.decided_on)


def claim_approve(*, claim: Claim, by, note: str = "") -> Claim:
    return CLAIM_WORKFLOW.take(claim, "approve", by=by, comment=note)


def claim_reject(*, claim: Claim, by, reason: str) -> Claim:
    return CLAIM_WORKFLOW.take(claim, "reject", by=by, comment=reason)


def claim_withdraw(*, claim: Claim, by, reason: str = "") -> Claim:
    return CLAIM_WORKFLOW.take(claim, "withdraw", by=by, comment=reason)
