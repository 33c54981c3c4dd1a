"""Three demo residents who sign in through the local identity provider (``worker1``–``worker3``).

Each is a trainee of the training demo with a completed, certified 2024 training record that nobody has claimed
for yet: the certificate is put in the register (as an evaluation body would), so the worker's personal claim
passes the register check and lands in the district's review queue. ``worker1`` is also registered for a
competition open on the demo day when one admits them. Idempotent: a second run finds the same residents.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from jineng.certificates.services.enrolments import certificates_register_enrolments
from jineng.core.crypto import decrypt_text
from jineng.core.exceptions import DomainError
from jineng.subsidies.models import Claim
from jineng.training.choices import EnrolmentStatus, ExamResult
from jineng.training.models import Enrolment
from jineng.workers.services import resident_login_set, worker_account_for

TODAY = date(2024, 11, 15)
COUNT = 3
USERNAMES = [f"worker{n}" for n in range(1, COUNT + 1)]


def _candidates(year: int):
    """Certified 2024 records of people who have never been claimed for, most recent certificates first."""
    claimed = Claim.objects.filter(person_id=OuterRef("person_id"))
    return (Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED, exam_result=ExamResult.PASSED,
                                     certificate_date__gte=date(year, 6, 1), certificate_date__lte=TODAY,
                                     person__is_synthetic=True)
            .exclude(certificate_no="").exclude(Exists(claimed))
            .select_related("person", "training_class__institution__district", "training_class__project")
            .order_by("-certificate_date", "pk"))


def _chosen(year: int) -> list[Enrolment]:
    """One certified record per demo resident: theirs from an earlier run, else new distinct people."""
    people = list(get_user_model().objects.filter(username__in=USERNAMES, person__isnull=False)
                  .order_by("username").values_list("person_id", flat=True))
    if people:
        found = {}
        for enrolment in (Enrolment.objects.filter(person_id__in=people).exclude(certificate_no="")
                          .select_related("person", "training_class__institution", "training_class__project")
                          .order_by("-certificate_date", "pk")):
            found.setdefault(enrolment.person_id, enrolment)
        return [found[person_id] for person_id in people if person_id in found]
    chosen: dict[int, Enrolment] = {}
    for enrolment in _candidates(year)[:200]:
        chosen.setdefault(enrolment.person_id, enrolment)
        if len(chosen) == COUNT:
            break
    return list(chosen.values())


def workers_demo_seed(*, year: int) -> dict[str, object]:
    enrolments = _chosen(year)
    registered = certificates_register_enrolments(enrolments)
    registrations = 0
    for n, enrolment in enumerate(enrolments, start=1):
        person = enrolment.person
        resident_login_set(username=f"worker{n}", password=settings.JINENG_DEMO_PASSWORD, name=person.name,
                           resident_id=decrypt_text(person.resident_id_encrypted))
        worker_account_for(person=person, username=f"worker{n}")
        if n == 1:
            registrations += _register_for_competition(person)
    return {"演示劳动者": len(enrolments), "登记证书": registered, "竞赛报名": registrations}


def _register_for_competition(person) -> int:
    """Best effort: the first competition open on the demo day that admits this person."""
    from jineng.competitions.models import Registration
    from jineng.competitions.selectors import open_for_registration
    from jineng.competitions.services.registrations import registration_create

    if Registration.objects.filter(person=person).exists():
        return 1
    for event in open_for_registration(TODAY)[:20]:
        try:
            registration_create(event=event, person=person, today=TODAY)
        except DomainError:
            continue
        return 1
    return 0
