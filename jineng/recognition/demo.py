"""Demo records of item 26 as seen on 2024-11-15: enterprises' appointments of 特级技师 and 首席技师, and about
twenty overseas certificates submitted in 2024, most decided. Idempotent; synthetic people and IDs."""

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from jineng.accounts.demo import demo_user
from jineng.accounts.models import Organisation
from jineng.core.audit import save_audited
from jineng.core.engine.identifiers import synthetic_resident_id
from jineng.core.people import person_register
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Occupation
from jineng.recognition.choices import RecognitionState
from jineng.recognition.models import OverseasRecognition, TechnicianAppointment
from jineng.recognition.services import enterprise_district

REASON = "生成演示数据"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ("建国", "海峰", "晓东", "立群", "志刚", "丽华", "文斌", "春燕", "国强", "秀英", "振宇", "佳怡")
OCCUPATIONS = ("6-18-01-01", "6-31-01-03", "6-18-02-04", "4-12-01-01", "6-31-07-03", "4-03-02-01", "4-10-01-05")
CERTIFICATES = (  # country, issuing body, certificate title
    ("德国", "德国工商会（IHK）", "机电一体化工（Mechatroniker）职业资格证书"),
    ("德国", "德国手工业协会（HWK）", "汽车机电师傅（Kfz-Mechatronikermeister）证书"),
    ("日本", "日本中央职业能力开发协会", "技能检定一级（机械加工）"),
    ("新加坡", "新加坡技能创前程局（SSG）", "WSQ 高级证书（餐饮）"),
    ("澳大利亚", "澳大利亚技能质量署（ASQA）注册培训机构", "四级证书（老年护理）"),
    ("英国", "City & Guilds", "焊接三级证书"),
    ("瑞士", "瑞士联邦教育研究与创新国务秘书处", "联邦职业能力证书（自动化）"),
)
DECISIONS = {
    RecognitionState.RECOGNISED: "颁证机构为所在国法定职业资格机构；考核内容与我市相应职业等级标准基本一致。",
    RecognitionState.REFUSED: "证书为培训结业证明，未经独立考核，不能对应职业技能等级。",
}


def _person(rng: random.Random, index: int):
    number = synthetic_resident_id(rng=random.Random(f"recognition-{index}"), area="310115",
                                   born_from=date(1970, 1, 1), born_to=date(1995, 12, 31))
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return person_register(resident_id=number, name=name, is_synthetic=True)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=timezone.get_default_timezone())


def recognition_demo_seed(*, year: int = 2024) -> dict[str, object]:
    if TechnicianAppointment.objects.filter(is_synthetic=True).exists():
        return _counts()
    rng = random.Random(2026)
    occupations = list(Occupation.objects.filter(code__in=OCCUPATIONS, classification="2022").order_by("code"))
    with transaction.atomic():
        _appointments(rng, occupations, year)
        _recognitions(rng, occupations, year)
    return _counts()


def _enterprises() -> list[Organisation]:
    with_profile = Organisation.objects.filter(pk__in=EnterpriseProfile.objects.values("organisation_id"),
                                               users__isnull=False).distinct().order_by("pk")[:6]
    return [organisation for organisation in with_profile if enterprise_district(organisation) is not None]


def _appointments(rng: random.Random, occupations: list, year: int) -> None:
    for index in range(12):
        enterprise = rng.choice(_enterprises())
        by = enterprise.users.order_by("pk").first()
        appointed = date(year, 1, 10) + timedelta(days=rng.randint(0, 280))
        term = rng.choice([3, 3, 5])
        appointment = TechnicianAppointment(
            enterprise=enterprise, district=enterprise_district(enterprise), person=_person(rng, index),
            occupation=rng.choice(occupations), level=SkillLevel.CHIEF if index % 4 == 0 else SkillLevel.SPECIAL,
            appointed_on=appointed, term_years=term, term_ends_on=appointed.replace(year=appointed.year + term),
            document_number=f"{enterprise.name[:4]}人〔{year}〕{index + 1:02d}号", recorded_by=by,
            recorded_at=_at(appointed + timedelta(days=3)), is_synthetic=True)
        save_audited(appointment, by=by, reason=REASON)


def _recognitions(rng: random.Random, occupations: list, year: int) -> None:
    office, pudong = demo_user("office"), demo_user("pudong")
    submitters = [pudong, office] + [enterprise.users.order_by("pk").first() for enterprise in _enterprises()[:3]]
    for index in range(20):
        by = submitters[index % len(submitters)]
        country, issuer, title = CERTIFICATES[index % len(CERTIFICATES)]
        submitted = date(year, 1, 15) + timedelta(days=rng.randint(0, 270))
        state = (RecognitionState.SUBMITTED if index % 7 == 6 else
                 RecognitionState.REFUSED if index % 5 == 4 else RecognitionState.RECOGNISED)
        decided = submitted + timedelta(days=rng.randint(10, 30)) if state != RecognitionState.SUBMITTED else None
        organisation = None if by == office else by.organisation
        district = enterprise_district(organisation) if organisation and organisation.kind == "enterprise" else (
            organisation.district if organisation else None)
        recognition = OverseasRecognition(
            person=_person(rng, 100 + index), country=country, issuing_body=issuer, certificate_title=title,
            certificate_number=f"{country[:1]}{rng.randint(10**7, 10**8 - 1)}",
            issued_on=submitted - timedelta(days=rng.randint(200, 2000)), occupation=rng.choice(occupations),
            level=rng.choice([SkillLevel.L4, SkillLevel.L3, SkillLevel.L3, SkillLevel.L2]), state=state,
            organisation=organisation, district=district, submitted_by=by, submitted_at=_at(submitted),
            decided_by=office if decided else None, decided_at=_at(decided) if decided else None,
            decided_on=decided, decision_reason=DECISIONS.get(state, ""), is_synthetic=True)
        _save_as_decided(recognition, by=by, office=office)


def _save_as_decided(recognition: OverseasRecognition, *, by, office) -> None:
    """Saved as submitted, then as decided, each history row dated when it happened (the review panel's story)."""
    final = recognition.state
    recognition.state = RecognitionState.SUBMITTED
    save_audited(recognition, by=by, reason="申报境外证书认可")
    dates = [recognition.submitted_at]
    if final != RecognitionState.SUBMITTED:
        recognition.state = final
        label = "予以认可" if final == RecognitionState.RECOGNISED else "不予认可"
        save_audited(recognition, by=office, reason=f"{label}：{recognition.decision_reason}"[:100],
                     update_fields=["state"])
        dates.append(recognition.decided_at)
    rows = recognition.history.order_by("history_id").values_list("history_id", flat=True)
    for history_id, at in zip(rows, dates, strict=True):
        OverseasRecognition.history.filter(history_id=history_id).update(history_date=at)


def _counts() -> dict[str, object]:
    recognitions = OverseasRecognition.objects.filter(is_synthetic=True)
    return {
        "特级技师、首席技师聘任": TechnicianAppointment.objects.filter(is_synthetic=True).count(),
        "境外证书认可申请": recognitions.count(),
        "其中予以认可": recognitions.filter(state=RecognitionState.RECOGNISED).count(),
    }
