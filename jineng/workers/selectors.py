"""What a worker's pages show: their own records from the modules that hold them, through those modules' reads."""

from dataclasses import dataclass

from jineng.certificates.selectors import certificate_held, certificates_held
from jineng.competitions.selectors import person_registrations
from jineng.subsidies.selectors.claims import claim_list, get_claim_for_user, person_claimable_enrolments
from jineng.training.selectors import person_enrolments


@dataclass(frozen=True)
class WorkerRecords:
    enrolments: list
    claimable_ids: set[int]
    certificates: list
    registrations: list
    claims: list


def worker_records(*, worker) -> WorkerRecords:
    person_id = worker.person_id
    return WorkerRecords(
        enrolments=list(person_enrolments(person_id=person_id)[:100]),
        claimable_ids=set(person_claimable_enrolments(person_id=person_id).values_list("pk", flat=True)),
        certificates=list(certificates_held(person_id=person_id)[:100]),
        registrations=list(person_registrations(person_id=person_id)[:100]),
        claims=list(claim_list(viewer=worker)[:100]),
    )


def worker_claimable_enrolment(*, worker, enrolment_id: int):
    return person_claimable_enrolments(person_id=worker.person_id).filter(pk=enrolment_id).first()


def worker_claim(*, worker, claim_id: int):
    """One claim about the worker (404 for anyone else's)."""
    return get_claim_for_user(worker, claim_id)


def worker_certificate(*, worker, certificate_id: int):
    return certificate_held(person_id=worker.person_id, certificate_id=certificate_id)
