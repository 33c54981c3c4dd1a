"""Writes on institutions, sites, projects, classes and training records: each checked, atomic and audited."""
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_noop

from jineng.core.audit import create_audited, save_audited
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.core.identifiers import uscc_validate
from jineng.core.people import person_register
from jineng.training import permissions
from jineng.training.choices import ClassStatus, EnrolmentStatus, ExamResult, InstitutionStatus
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

# Which status a class may move to from which.
CLASS_TRANSITIONS = {
    ClassStatus.PLANNED: {ClassStatus.RUNNING, ClassStatus.CANCELLED},
    ClassStatus.RUNNING: {ClassStatus.COMPLETED, ClassStatus.CANCELLED},
    ClassStatus.COMPLETED: set(),
    ClassStatus.CANCELLED: set(),
}


def _check_manage(by, institution: Institution) -> None:
    if by is not None and not permissions.can_manage(by, institution):
        raise NotAllowed(gettext("只有本机构的用户可以修改本机构的培训信息"))


def check_institution_active(institution: Institution, *, doing: str) -> None:
    """Suspended (暂停招生) and revoked (已注销) institutions may not open classes or import records."""
    if institution.status != InstitutionStatus.ACTIVE:
        raise DomainError(gettext("机构状态为“{status}”，不能{doing}").format(status=institution.get_status_display(), doing=doing))


def institution_register(*, by, credit_code: str, name: str, kind: str, district, licence_no: str = "",
                         licence_valid_until: date | None = None, organisation=None,
                         is_synthetic: bool = False) -> Institution:
    if by is not None and not permissions.can_register_institutions(by):
        raise DomainError(gettext("只有专班办公室可以登记培训机构"))
    code = uscc_validate(credit_code)
    if Institution.objects.filter(credit_code=code).exists():
        raise DomainError(gettext("统一社会信用代码 {code} 已登记").format(code=code))
    return create_audited(Institution, by=by, reason=gettext_noop("登记培训机构"), credit_code=code, name=name.strip(), kind=kind,
                          district=district, licence_no=licence_no, licence_valid_until=licence_valid_until,
                          organisation=organisation, is_synthetic=is_synthetic)


def site_add(*, by, institution: Institution, name: str, address: str, lon: Decimal, lat: Decimal) -> Site:
    _check_manage(by, institution)
    district = institution.district
    if not district_contains(district.geometry, lon, lat):
        raise DomainError(gettext("坐标（{lon}, {lat}）不在{name}范围内，请核对经纬度（GCJ-02）").format(lon=lon, lat=lat, name=district.name))
    if institution.sites.filter(name=name.strip()).exists():
        raise DomainError(gettext("本机构已有名为“{name}”的教学点").format(name=name))
    return create_audited(Site, by=by, reason=gettext_noop("新增教学点"), institution=institution, name=name.strip(),
                          address=address.strip(), district=district, lon=lon, lat=lat)


def project_add(*, by, institution: Institution, occupation, level: int | None, class_hours: int, fee: Decimal,
                approved_date: date, work_type=None, industry=None) -> TrainingProject:
    _check_manage(by, institution)
    if fee < 0 or class_hours < 1:
        raise DomainError(gettext("课时须为正整数，收费标准不能为负"))
    if work_type is not None and work_type.occupation_id != occupation.pk:
        raise DomainError(gettext("工种不属于所选职业"))
    try:
        with transaction.atomic():
            return create_audited(TrainingProject, by=by, reason=gettext_noop("新增培训项目"), institution=institution,
                                  occupation=occupation, work_type=work_type, level=level, industry=industry,
                                  class_hours=class_hours, fee=fee, approved_date=approved_date)
    except IntegrityError as exc:
        raise DomainError(gettext("本机构已有同一职业（工种）、同一等级的培训项目")) from exc


def class_open(*, by, project: TrainingProject, code: str, site: Site, start_date: date, end_date: date,
               capacity: int, teachers: str = "", is_subsidised: bool = True) -> TrainingClass:
    institution = project.institution
    _check_manage(by, institution)
    if site.institution_id != institution.pk:
        raise DomainError(gettext("教学点不属于本机构"))
    check_institution_active(institution, doing=gettext("开班"))
    if project.status != "approved":
        raise DomainError(gettext("培训项目已撤销，不能开班"))
    _check_schedule(start_date, end_date, capacity)
    if institution.classes.filter(code=code.strip()).exists():
        raise DomainError(gettext("本机构已有编号为 {code} 的培训班").format(code=code))
    return create_audited(TrainingClass, by=by, reason=gettext_noop("开班"), institution=institution, code=code.strip(),
                          project=project, site=site, start_date=start_date, end_date=end_date, capacity=capacity,
                          teachers=teachers.strip(), is_subsidised=is_subsidised)


def _check_schedule(start_date: date, end_date: date, capacity: int) -> None:
    if end_date < start_date:
        raise DomainError(gettext("结业日期不能早于开班日期"))
    if capacity < 1:
        raise DomainError(gettext("核定人数须为正整数"))


def class_update(*, by, klass: TrainingClass, start_date: date, end_date: date, capacity: int,
                 teachers: str) -> TrainingClass:
    _check_manage(by, klass.institution)
    _check_schedule(start_date, end_date, capacity)
    with transaction.atomic():
        klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
        enrolled = klass.enrolments.count()
        if capacity < enrolled:
            raise DomainError(gettext("已有 {enrolled} 人报名，核定人数不能少于此数").format(enrolled=enrolled))
        klass.start_date, klass.end_date, klass.capacity, klass.teachers = start_date, end_date, capacity, teachers
        save_audited(klass, by=by, reason=gettext_noop("修改班级信息"), update_fields=["start_date", "end_date", "capacity", "teachers"])
    return klass


def class_status_change(*, by, klass: TrainingClass, status: str) -> TrainingClass:
    _check_manage(by, klass.institution)
    if status not in CLASS_TRANSITIONS.get(klass.status, set()):
        raise DomainError(gettext("培训班不能从“{status}”改为“{label}”").format(status=klass.get_status_display(), label=ClassStatus(status).label)
                          if status in ClassStatus.values else gettext("未知的班级状态"))
    klass.status = status
    save_audited(klass, by=by, reason=f"班级状态改为{ClassStatus(status).label}", update_fields=["status"])
    return klass


def enrolment_add(*, by, klass: TrainingClass, resident_id: str, name: str, enrolled_date: date) -> Enrolment:
    _check_manage(by, klass.institution)
    check_institution_active(klass.institution, doing=gettext("招收学员"))
    person = person_register(resident_id=resident_id, name=name, by=by)
    with transaction.atomic():
        klass = TrainingClass.objects.select_for_update().get(pk=klass.pk)
        if klass.status in (ClassStatus.COMPLETED, ClassStatus.CANCELLED):
            raise DomainError(gettext("培训班已结业或已取消，不能报名"))
        if klass.enrolments.filter(person=person).exists():
            raise DomainError(gettext("此人已在本班报名"))
        if klass.enrolments.count() >= klass.capacity:
            raise DomainError(gettext("培训班已满（核定 {capacity} 人）").format(capacity=klass.capacity))
        if enrolled_date > klass.end_date:
            raise DomainError(gettext("报名日期晚于培训班结束日期"))
        return create_audited(Enrolment, by=by, reason=gettext_noop("学员报名"), training_class=klass, person=person,
                              enrolled_date=enrolled_date)


def enrolment_record_outcome(*, by, enrolment: Enrolment, completed_date: date | None, hours_attended: int,
                             exam_result: str, exam_date: date | None = None, certificate_no: str = "",
                             certificate_date: date | None = None, dropped: bool = False) -> Enrolment:
    """Completion and exam outcome typed in by the institution (an upload goes through the import)."""
    _check_manage(by, enrolment.training_class.institution)
    if hours_attended < 0:
        raise DomainError(gettext("出勤课时不能为负"))
    if completed_date is not None and completed_date < enrolment.enrolled_date:
        raise DomainError(gettext("结业日期不能早于报名日期"))
    if exam_result and completed_date is None:
        raise DomainError(gettext("未结业的学员不能有考核结果"))
    if exam_result and exam_result not in ExamResult.values:
        raise DomainError(gettext("未知的考核结果"))
    if certificate_no and exam_result != ExamResult.PASSED:
        raise DomainError(gettext("只有考核合格的学员才有证书编号"))
    if bool(certificate_no) != bool(certificate_date):
        raise DomainError(gettext("证书编号和发证日期须同时填写"))
    if certificate_date and completed_date and certificate_date < completed_date:
        raise DomainError(gettext("发证日期不能早于结业日期"))
    enrolment.completed_date = completed_date
    enrolment.hours_attended = hours_attended
    enrolment.exam_result = exam_result
    enrolment.exam_date = exam_date or (completed_date if exam_result else None)
    enrolment.certificate_no = certificate_no.strip()
    enrolment.certificate_date = certificate_date
    enrolment.status = (EnrolmentStatus.DROPPED if dropped else
                        EnrolmentStatus.COMPLETED if completed_date else EnrolmentStatus.ENROLLED)
    save_audited(enrolment, by=by, reason=gettext_noop("登记结业和考核结果"), update_fields=[
        "completed_date", "hours_attended", "exam_result", "exam_date", "certificate_no", "certificate_date", "status"])
    return enrolment


def check_in_record(*, enrolment: Enrolment, checked_at: datetime, site: Site, method: str, device_id: str = "",
                    lon: Decimal | None = None, lat: Decimal | None = None) -> CheckIn:
    """A check-in from a device or typed in; check-ins are facts, kept as they arrive (no history)."""
    if site.institution_id != enrolment.training_class.institution_id:
        raise DomainError(gettext("签到地点不是本机构的教学点"))
    check_in, _ = CheckIn.objects.get_or_create(
        enrolment=enrolment, checked_at=checked_at,
        defaults={"site": site, "method": method, "device_id": device_id, "lon": lon, "lat": lat})
    return check_in


def inspection_record(*, by, institution: Institution, inspected_date: date, score: int, findings: str = "") -> Inspection:
    if by is not None and not permissions.can_inspect(by):
        raise DomainError(gettext("只有专班办公室可以登记检查结果"))
    if not 0 <= score <= 100:
        raise DomainError(gettext("检查得分须在 0–100 之间"))
    return create_audited(Inspection, by=by, reason=gettext_noop("登记检查结果"), institution=institution,
                          inspected_date=inspected_date, score=score, findings=findings.strip(), inspector=by)


def survey_record(*, enrolment: Enrolment, satisfaction: int, answered_at: datetime) -> SurveyResponse:
    if not 1 <= satisfaction <= 5:
        raise DomainError(gettext("满意度须为 1–5"))
    survey, _ = SurveyResponse.objects.update_or_create(
        enrolment=enrolment, defaults={"satisfaction": satisfaction, "answered_at": answered_at})
    return survey


def apprenticeship_add(*, by, enterprise, person, occupation, target_level: int, district, start_date: date,
                       end_date: date, institution: Institution | None = None) -> Apprenticeship:
    if end_date <= start_date:
        raise DomainError(gettext("学徒培养结束日期须晚于开始日期"))
    if not _years_later(start_date, 1) <= end_date <= _years_later(start_date, 3):
        raise DomainError(gettext("学徒培养期限须为 1 至 3 年"))
    if target_level not in (2, 3, 4, 5):
        raise DomainError(gettext("新型学徒的目标等级须为四级/中级工及以上"))
    if institution is not None and institution.status != InstitutionStatus.ACTIVE:
        raise DomainError(gettext("合作培训机构状态为“{status}”，不能合作培养学徒").format(status=institution.get_status_display()))
    if Apprenticeship.objects.filter(enterprise=enterprise, person=person, occupation=occupation).exists():
        raise DomainError(gettext("{name}（{resident_id_masked}）已在本企业登记“{name2}”的学徒培养").format(name=person.name, resident_id_masked=person.resident_id_masked, name2=occupation.name))
    try:
        with transaction.atomic():
            return create_audited(Apprenticeship, by=by, reason=gettext_noop("登记新型学徒"), enterprise=enterprise, person=person,
                                  occupation=occupation, target_level=target_level, district=district,
                                  start_date=start_date, end_date=end_date, institution=institution)
    except IntegrityError as exc:
        raise DomainError(gettext("该学徒已在本企业登记同一职业的学徒培养")) from exc


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
