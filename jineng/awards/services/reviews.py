"""Expert review: reviewers from the registry assigned without conflicts, scores per criterion, totals and ranks."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.awards.choices import ApplicationState
from jineng.awards.engine.scoring import MIN_REVIEWERS, Criterion, application_total
from jineng.awards.models import Application, Assignment, Call, Reviewer, Score
from jineng.awards.services.common import CREATED, require_capability, require_state
from jineng.awards.workflows import APPLICATION_WORKFLOW
from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, NotAllowed


def call_criteria(call: Call) -> list[Criterion]:
    return [Criterion(c["code"], Decimal(str(c["weight"]))) for c in call.rule_set.content.get("criteria", [])]


@transaction.atomic
def reviewer_register(*, user, by, speciality: str = "") -> Reviewer:
    require_capability(by, "awards.decide")
    reviewer = Reviewer.objects.filter(user=user).first()
    if reviewer is None:
        return create_audited(Reviewer, by=by, reason=CREATED, user=user, speciality=speciality[:60])
    if not reviewer.is_active:
        reviewer.is_active = True
        save_audited(reviewer, by=by, reason=CREATED, update_fields=["is_active"])
    return reviewer


@transaction.atomic
def reviewers_assign(*, application: Application, reviewers: list[Reviewer], by) -> list[Assignment]:
    """Assign reviewers; a reviewer of the applicant's own organisation is refused (the conflict rule)."""
    require_capability(by, "awards.decide")
    require_state(application, (ApplicationState.SCREENED, ApplicationState.UNDER_REVIEW),
                  _("只有主管部门已审核推荐的申报可以分配评审专家"))
    created = []
    for reviewer in reviewers:
        if not reviewer.is_active:
            raise DomainError(_("{name} 不在评审专家库中").format(name=reviewer))
        if reviewer.user.organisation_id == application.employer_id:
            raise DomainError(_("{name} 与申报单位同属一个单位，须回避").format(name=reviewer))
        if not application.assignments.filter(reviewer=reviewer).exists():
            created.append(create_audited(Assignment, by=by, reason=CREATED, application=application,
                                          reviewer=reviewer))
    return created


def _enough_reviewers(application: Application, step) -> None:
    if application.assignments.count() < MIN_REVIEWERS:
        raise DomainError(_("至少分配 {n} 名评审专家").format(n=MIN_REVIEWERS))


def review_start(*, application: Application, by) -> Application:
    return APPLICATION_WORKFLOW.take(application, "start_review", by=by, guard=_enough_reviewers)


def _score_parse(value) -> Decimal:
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise DomainError(_("分数须为 0–100 的数字")) from exc
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise DomainError(_("分数须为 0–100 的数字"))
    return score.quantize(Decimal("0.01"))


@transaction.atomic
def scores_submit(*, application: Application, by, scores: dict[str, object]) -> Assignment:
    """The reviewer's score for every criterion of the call; submitting again replaces them until ranking."""
    if not Reviewer.objects.filter(user_id=by.pk, is_active=True).exists():
        raise NotAllowed(_("您不在评审专家库中"))
    require_capability(by, "awards.score", application, _("该申报未分配给您评审，或您须回避"))
    require_state(application, (ApplicationState.UNDER_REVIEW,), _("该申报当前不在专家评审阶段"))
    codes = [c.code for c in call_criteria(application.call)]
    if set(scores) != set(codes):
        raise DomainError(_("请为每一个评分项打分"))
    parsed = {code: _score_parse(scores[code]) for code in codes}
    assignment = Assignment.objects.select_for_update().get(application=application, reviewer__user_id=by.pk)
    for code, score in parsed.items():
        Score.objects.update_or_create(assignment=assignment, criterion=code, defaults={"score": score})
    assignment.submitted_at = timezone.now()
    save_audited(assignment, by=by, reason=CREATED, update_fields=["submitted_at"])
    return assignment


def application_scores(application: Application) -> dict[str, list[Decimal]]:
    table: dict[str, list[Decimal]] = {}
    for criterion, score in Score.objects.filter(assignment__application=application,
                                                  assignment__submitted_at__isnull=False) \
            .order_by("assignment_id").values_list("criterion", "score"):
        table.setdefault(criterion, []).append(score)
    return table


def application_result(application: Application):
    return application_total(call_criteria(application.call), application_scores(application))
