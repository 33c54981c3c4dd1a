"""Claims, batches and payments as each role may see them."""

from django.db.models import Count, Q, Sum
from django.http import Http404

from jineng.accounts.permissions import user_can
from jineng.demand.selectors.employment import employee_person_ids
from jineng.subsidies import permissions
from jineng.subsidies.choices import ACTIVE_CLAIM_STATES, ClaimStatus, PaymentStatus
from jineng.subsidies.models import Claim, Payment, PaymentBatch
from jineng.training.choices import EnrolmentStatus, ExamResult
from jineng.training.models import Apprenticeship, Enrolment

CLAIM_RELATED = ("scheme", "person", "district", "occupation", "work_type", "claimant_organisation")


def claim_list(*, viewer, status: str = "", scheme_id: int | None = None, district_id: int | None = None,
               query: str = "", year: int | None = None):
    claims = Claim.objects.visible_to(viewer).select_related(*CLAIM_RELATED)
    if status:
        claims = claims.filter(status=status)
    if scheme_id:
        claims = claims.filter(scheme_id=scheme_id)
    if district_id:
        claims = claims.filter(district_id=district_id)
    if year:
        claims = claims.filter(period_year=year)
    if query:
        claims = claims.filter(Q(number__icontains=query) | Q(person__name__icontains=query)
                               | Q(occupation__code__startswith=query) | Q(occupation__name__icontains=query))
    return claims.order_by("-submitted_at", "-pk")


def claim_status_counts(claims) -> dict[str, int]:
    counted = dict(claims.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return {value: counted.get(value, 0) for value in ClaimStatus.values}


def get_claim_for_user(user, claim_id: int) -> Claim:
    claim = (Claim.objects.visible_to(user).select_related(*CLAIM_RELATED, "enrolment",
                                                                              "apprenticeship", "decided_by")
             .filter(pk=claim_id).first())
    if claim is None:
        raise Http404("补贴申请不存在")
    return claim


def review_queue(*, viewer):
    if not permissions.can_review_any(viewer):
        return Claim.objects.none()
    return claim_list(viewer=viewer, status=ClaimStatus.IN_REVIEW).order_by("submitted_at", "pk")


def batch_list():
    return (PaymentBatch.objects.select_related("created_by")
            .annotate(payment_count=Count("payments"), total=Sum("payments__amount"),
                      paid=Count("payments", filter=Q(payments__status=PaymentStatus.PAID)),
                      failed=Count("payments", filter=Q(payments__status=PaymentStatus.FAILED)))
            .order_by("-created_at", "-pk"))


def get_batch(batch_id: int) -> PaymentBatch:
    batch = batch_list().filter(pk=batch_id).first()
    if batch is None:
        raise Http404("拨付批次不存在")
    return batch


def batch_payments(batch: PaymentBatch):
    return (batch.payments.select_related("claim", "claim__person", "claim__scheme", "claim__district")
            .order_by("claim__district__code", "claim__number"))


def payment_get(payment_id: int) -> Payment:
    payment = Payment.objects.select_related("batch", "claim").filter(pk=payment_id).first()
    if payment is None:
        raise Http404("拨付记录不存在")
    return payment


def batchable_claims():
    return (Claim.objects.filter(status__in=[ClaimStatus.APPROVED, ClaimStatus.PAYMENT_FAILED])
            .select_related(*CLAIM_RELATED).order_by("district__code", "pk"))


def paid_summary(*, viewer, year: int | None = None) -> list[dict]:
    """Amounts paid by scheme × district (rows: scheme, district, count, amount)."""
    payments = Payment.objects.visible_to(viewer).filter(status=PaymentStatus.PAID)
    if year:
        payments = payments.filter(paid_at__year=year)
    return list(payments.values("claim__scheme__name", "claim__district__code", "claim__district__name")
                .annotate(n=Count("pk"), amount=Sum("amount"))
                .order_by("claim__scheme__name", "claim__district__code"))


def claimable_enrolments(*, viewer, query: str = ""):
    """An institution's completed enrolments with a certificate and no active claim yet."""
    organisation_id = getattr(viewer, "organisation_id", None)
    enrolments = (Enrolment.objects.filter(training_class__institution__organisation_id=organisation_id,
                                           status=EnrolmentStatus.COMPLETED, exam_result=ExamResult.PASSED)
                  .exclude(certificate_no="")
                  .exclude(subsidy_claims__status__in=[s for s in ClaimStatus.values
                                                        if s not in (ClaimStatus.CHECK_FAILED, ClaimStatus.REJECTED,
                                                                     ClaimStatus.WITHDRAWN)])
                  .select_related("person", "training_class", "training_class__project__occupation"))
    if query:
        enrolments = enrolments.filter(Q(person__name__icontains=query) | Q(training_class__code__icontains=query))
    return enrolments.order_by("-certificate_date", "pk")


def claimant_enrolments(*, viewer):
    """The training records a claimant may name: an institution its own trainees', an enterprise its employees'.

    Anything else (a class code or an enrolment id of another institution) finds nothing.
    """
    organisation_id = getattr(viewer, "organisation_id", None)
    if not organisation_id:
        return Enrolment.objects.none()
    if user_can(viewer, "subsidies.claim_for_trainees"):
        return Enrolment.objects.filter(training_class__institution__organisation_id=organisation_id)
    if user_can(viewer, "subsidies.claim_as_employer"):
        return Enrolment.objects.filter(person_id__in=employee_person_ids(organisation_id=organisation_id))
    return Enrolment.objects.none()


def enterprise_enrolments(*, viewer, query: str = ""):
    """An enterprise's employees' completed enrolments, found by class code or the employee's name."""
    if not query:
        return Enrolment.objects.none()
    enrolments = (claimant_enrolments(viewer=viewer).filter(status=EnrolmentStatus.COMPLETED)
                  .filter(Q(training_class__code=query) | Q(person__name=query))
                  .select_related("person", "training_class", "training_class__project__occupation"))
    return enrolments.order_by("pk")


def claimant_apprenticeships(*, viewer):
    """The apprentices a claimant may name: an enterprise its own, nobody else any."""
    if not user_can(viewer, "subsidies.claim_as_employer"):
        return Apprenticeship.objects.none()
    return Apprenticeship.objects.filter(enterprise_id=viewer.organisation_id)


def enterprise_apprenticeships(*, viewer):
    return (Apprenticeship.objects.filter(enterprise_id=getattr(viewer, "organisation_id", None))
            .select_related("person", "occupation").order_by("start_date", "pk"))


def person_claimable_enrolments(*, person_id: int | None):
    """A person's own completed enrolments with a certificate and no claim holding its place: what a worker may
    claim a personal skill-upgrading subsidy for."""
    if not person_id:
        return Enrolment.objects.none()
    return (Enrolment.objects.filter(person_id=person_id, status=EnrolmentStatus.COMPLETED,
                                     exam_result=ExamResult.PASSED, certificate_date__isnull=False)
            .exclude(certificate_no="")
            .exclude(subsidy_claims__status__in=ACTIVE_CLAIM_STATES)
            .select_related("training_class", "training_class__institution", "training_class__project__occupation")
            .order_by("-certificate_date", "pk"))
