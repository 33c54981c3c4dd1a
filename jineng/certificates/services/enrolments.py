"""Certificates written on training records, entered in the register (the demo, and records kept before the
register existed): each under a body of the training institution's district, numbers kept as recorded."""

import random

from django.db import transaction
from django.utils.translation import gettext_noop

from jineng.certificates.choices import CertificateSource
from jineng.certificates.models import Certificate
from jineng.certificates.services.issue import STATUS_INDEX, counter_take
from jineng.core import metrics
from jineng.core.identifiers import synthetic_uscc
from jineng.core.imports import db_now, history_insert, rows_insert_with_ids
from jineng.evaluation.models import EvaluationBody

_COLUMNS = ("number", "holder_id", "holder_name", "occupation_id", "work_type_id", "special_item", "level", "body_id",
            "issued_on", "status", "status_reason", "status_index", "source", "is_synthetic", "created_at")


def district_body(district) -> EvaluationBody:
    """The district's occupational skill testing centre (职业技能鉴定所), created once (by credit code)."""
    code = synthetic_uscc(rng=random.Random(int(district.code)), region=district.code)
    body, _created = EvaluationBody.objects.get_or_create(credit_code=code, defaults={
        "name": f"上海市{district.name}职业技能鉴定所", "kind": "social", "ministry_code": "0000",
        "city_serial": f"9{district.code[1:]}", "district": district, "status": "published", "is_synthetic": True})
    return body


def certificates_register_enrolments(enrolments, *, by=None) -> int:
    """Register the certificates of passed enrolments not in the register yet; how many were added."""
    enrolments = [e for e in enrolments if e.certificate_no and e.certificate_date]
    if not enrolments:
        return 0
    with transaction.atomic():
        have = set(Certificate.objects.filter(number__in=[e.certificate_no for e in enrolments])
                   .values_list("number", flat=True))
        todo, seen = [], set()
        for e in enrolments:
            if e.certificate_no not in have and e.certificate_no not in seen:
                seen.add(e.certificate_no)
                todo.append(e)
        if not todo:
            return 0
        index = counter_take(STATUS_INDEX, len(todo))
        bodies: dict[int, EvaluationBody] = {}
        now = db_now()
        rows = []
        for offset, e in enumerate(todo):
            institution = e.training_class.institution
            if institution.district_id not in bodies:
                bodies[institution.district_id] = district_body(institution.district)
            project = e.training_class.project
            rows.append((e.certificate_no, e.person_id, e.person.name, project.occupation_id, project.work_type_id, "",
                         project.level, bodies[institution.district_id].pk, e.certificate_date, "valid", "",
                         index + offset, CertificateSource.IMPORT, True, now))
        ids = rows_insert_with_ids(Certificate._meta.db_table, _COLUMNS, rows)
        history_insert(Certificate, ("id", *_COLUMNS), [(pk, *row) for pk, row in zip(ids, rows, strict=True)],
                       history_type="+", user_id=getattr(by, "pk", None), reason=gettext_noop("培训记录中的证书登记"))
    metrics.metrics_records_changed("certificates.Certificate")
    return len(rows)
