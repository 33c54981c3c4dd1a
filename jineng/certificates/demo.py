"""Demo certificate register: about 20,000 certificates issued from January 2023 to mid-November 2024 by
evaluation bodies across the 16 districts (social bodies ``S``, employer bodies ``Y``), some suspended or revoked;
the login ``cert1`` is the 浦东 body's staff. Idempotent: bodies are found by credit code, certificates by
number (the bulk writer leaves unchanged rows alone), people by resident-ID digest."""

import random
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from jineng.accounts.models import Organisation, User
from jineng.certificates.engine.numbers import level_digit_from_skill_level, number_make
from jineng.certificates.engine.rows import CertificateRow
from jineng.certificates.models import Certificate, Counter
from jineng.certificates.services.imports import certificates_write
from jineng.certificates.services.issue import serial_key
from jineng.core.identifiers import resident_id_parse, synthetic_resident_id, synthetic_uscc
from jineng.core.models import District
from jineng.evaluation.models import EvaluationBody
from jineng.occupations.models import Occupation

TOTAL = 20_000
FIRST_DAY = date(2023, 1, 1)
TODAY = date(2024, 11, 15)
LEVELS = (1, 2, 3, 4, 5)  # SkillLevel L5 … L1
LEVEL_WEIGHTS = (25, 30, 30, 10, 5)
OCCUPATIONS = ("6-18-01-01", "6-18-01-02", "6-25-04-05", "4-03-02-01", "4-10-01-03", "6-29-01-03", "4-04-05-05",
               "6-31-01-03", "4-14-01-01", "6-25-02-05", "4-10-01-01", "6-20-03-01", "4-07-03-05", "6-28-01-01")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩婷雪琳晨欣怡佳俊"
SUSPEND_REASONS = ("考试违纪线索核查中", "举报材料核实中", "机构质量督导发现问题，待复核")
REVOKE_REASONS = ("冒名顶替参加考试", "提供虚假报名材料", "考试舞弊，成绩作废", "评价机构违规发证，经核查撤销")


def _bodies() -> list[EvaluationBody]:
    """Three bodies per district: one social organisation and two employers; existing ones are kept."""
    bodies = []
    for index, district in enumerate(District.objects.order_by("code")):
        for slot, (kind, suffix) in enumerate((("social", "职业技能评价中心"), ("employer", "集团有限公司"),
                                                ("employer", "股份有限公司"))):
            code = synthetic_uscc(rng=random.Random(f"cert-body-{district.code}-{slot}"), region=district.code)
            name = f"上海{district.name.removesuffix('区').removesuffix('新')}{'' if slot == 0 else '演示'}{suffix}"
            body, _created = EvaluationBody.objects.get_or_create(credit_code=code, defaults={
                "name": name, "kind": kind, "ministry_code": "0000" if slot == 0 else f"{index + 1:04d}",
                "city_serial": f"7{index:02d}{slot:03d}", "district": district, "status": "published",
                "published_on": date(2022, 12, 1), "is_synthetic": True})
            bodies.append(body)
    return bodies


def _login(body: EvaluationBody) -> None:
    if body.organisation_id is None:
        organisation, _created = Organisation.objects.get_or_create(
            name=body.name, defaults={"kind": "evaluation_institution", "district": body.district,
                                      "short_name": body.name.removeprefix("上海")})
        body.organisation = organisation
        body.save(update_fields=["organisation"])
    user = User.objects.filter(username="cert1").first()
    if user is None:
        user = User(username="cert1", display_name=f"{body.name}证书管理员", organisation=body.organisation)
        user.set_password(settings.JINENG_DEMO_PASSWORD)
        user.save()


def certificates_demo_seed(*, year: int) -> dict[str, object]:
    rng = random.Random(2024)
    bodies = _bodies()
    pudong = next(b for b in bodies if b.district.code == "310115" and b.kind == "social")
    _login(pudong)
    occupations = list(Occupation.objects.filter(code__in=OCCUPATIONS).order_by("code").values_list("pk", flat=True))
    span = (TODAY - FIRST_DAY).days
    serials: dict[tuple[int, int], int] = {}
    rows = []
    for n in range(TOTAL):
        body = rng.choice(bodies) if rng.random() < 0.8 else pudong
        level = rng.choices(LEVELS, LEVEL_WEIGHTS)[0]
        issued = FIRST_DAY + timedelta(days=rng.randrange(span))
        serial = serials[(body.pk, issued.year)] = serials.get((body.pk, issued.year), 0) + 1
        number = number_make(letter=body.certificate_letter, ministry_code=body.ministry_code,
                             city_serial=body.city_serial, year=issued.year,
                             level_digit=level_digit_from_skill_level(level), serial=serial)
        resident = resident_id_parse(synthetic_resident_id(rng=random.Random(f"cert-person-{n}"),
                                                           area=body.district.code))
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        status, status_date, reason = "valid", None, ""
        roll = rng.random()
        if roll < 0.03 or roll > 0.985:
            status = "revoked" if roll < 0.03 else "suspended"
            status_date = min(TODAY, issued + timedelta(days=rng.randint(20, 300)))
            reason = rng.choice(REVOKE_REASONS if status == "revoked" else SUSPEND_REASONS)
        rows.append(CertificateRow(
            line=n + 2, number=number, name=name, resident_id=resident, body_id=body.pk,
            occupation_id=rng.choice(occupations) if occupations else None, work_type_id=None, special_item="",
            level=level, issued_on=issued, status=status, status_date=status_date, status_reason=reason))
    with transaction.atomic():
        counts = certificates_write(rows, is_synthetic=True, reason="演示证书登记")
        for (body_id, issue_year), last in serials.items():
            counter, _created = Counter.objects.get_or_create(key=serial_key(body_id, issue_year))
            if counter.value < last:
                counter.value = last
                counter.save(update_fields=["value"])
    register = Certificate.objects.filter(is_synthetic=True)
    return {"评价机构": len(bodies), "证书": register.count(), "新增": counts.created,
            "已暂停": register.filter(status="suspended").count(), "已撤销": register.filter(status="revoked").count()}
