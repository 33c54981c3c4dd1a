"""Quality supervision (items 44–46): inspection tasks, their findings and rectification, the score per body
and year; the anomaly rules over results and their review in the shared queue.

An inspection is assigned to a team (a district government's supervision team for district-level tasks, the
programme office for city-level ones), done on site or by video, scored 0–100 with an outcome. A *serious*
outcome suspends every active scope of the body (``ScopeStatus.SUSPENDED`` with the reason): it may plan no
session on them until the office reinstates the body. Findings requiring rectification are followed up: the
body reports what it did, the inspecting side verifies; an inspection with every finding verified is closed.
"""

from datetime import date

from django.db import connection, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.core.review_queue import finding_review
from jineng.evaluation.choices import (
    AnomalyRule,
    InspectionLevel,
    InspectionMode,
    InspectionOutcome,
    InspectionStatus,
    RectificationStatus,
    ScopeStatus,
    Severity,
)
from jineng.evaluation.engine.anomalies import RULES, AnomalyParams
from jineng.evaluation.models import AnomalyFinding, EvaluationBody, Inspection, InspectionFinding
from jineng.evaluation.permissions import user_can
from jineng.evaluation.workflows import ANOMALY_WORKFLOW


def inspection_assign(*, by, body: EvaluationBody, level: str, mode: str, planned_on: date, team,
                      session=None) -> Inspection:
    if not user_can(by, "evaluation.inspect", body):
        raise NotAllowed(_("您无权派发督导任务"))
    if level not in InspectionLevel.values or mode not in InspectionMode.values:
        raise DomainError(_("请选择督导层级和方式"))
    if level == InspectionLevel.CITY and not user_can(by, "evaluation.review"):
        raise NotAllowed(_("市级督导由专班办公室派发"))
    if session is not None and session.body_id != body.pk:
        raise DomainError(_("督导批次不属于该机构"))
    return create_audited(Inspection, by=by, reason=gettext_noop("派发督导任务"), body=body, session=session,
                          year=planned_on.year, level=level, mode=mode, team=team, planned_on=planned_on)


def inspection_record(*, by, inspection: Inspection, score: int, outcome: str, summary: str = "",
                      findings: list[tuple[str, str, date | None]] = (), done_on: date | None = None) -> Inspection:
    """The result of an inspection: score, outcome, findings (severity, description, rectify-by date)."""
    if not user_can(by, "evaluation.inspect", inspection):
        raise NotAllowed(_("您无权记录督导结果"))
    if inspection.status != InspectionStatus.PLANNED:
        raise InvalidState(_("督导任务当前状态为“%(state)s”，不能再记录结果") % {
            "state": inspection.get_status_display()})
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise DomainError(_("督导得分须为 0–100 的整数"))
    if outcome not in InspectionOutcome.values or outcome == InspectionOutcome.PENDING:
        raise DomainError(_("请选择督导结论"))
    for severity, description, _due in findings:
        if severity not in Severity.values or not (description or "").strip():
            raise DomainError(_("每条督导发现须有严重程度和描述"))
    if outcome != InspectionOutcome.GOOD and not findings:
        raise DomainError(_("整改或严重问题的结论须列出督导发现"))
    with transaction.atomic():
        inspection.score, inspection.outcome = score, outcome
        inspection.summary = (summary or "").strip()[:300]
        inspection.done_on = done_on or timezone.localdate()
        inspection.status = InspectionStatus.DONE if findings else InspectionStatus.CLOSED
        save_audited(inspection, by=by, reason=gettext_noop("记录督导结果"),
                     update_fields=["score", "outcome", "summary", "done_on", "status"])
        for severity, description, due in findings:
            create_audited(InspectionFinding, by=by, reason=gettext_noop("记录督导发现"), inspection=inspection,
                           severity=severity, description=description.strip()[:300], rectify_by=due,
                           rectification=RectificationStatus.REQUIRED)
        if outcome == InspectionOutcome.SERIOUS:
            reason = _("质量督导发现严重问题（%(date)s）") % {"date": inspection.done_on}
            for scope in inspection.body.scopes.filter(status=ScopeStatus.ACTIVE):
                scope.status, scope.status_reason = ScopeStatus.SUSPENDED, reason[:200]
                save_audited(scope, by=by, reason=gettext_noop("督导严重问题，暂停评价范围"),
                             update_fields=["status", "status_reason"])
    return inspection


def rectification_report(*, by, finding: InspectionFinding, note: str) -> InspectionFinding:
    """The body reports what it rectified."""
    if not user_can(by, "evaluation.rectify", finding.inspection):
        raise NotAllowed(_("只有被督导机构可以报送整改情况"))
    if finding.rectification != RectificationStatus.REQUIRED:
        raise InvalidState(_("该发现当前不需报送整改"))
    if not (note or "").strip():
        raise DomainError(_("请填写整改情况"))
    finding.rectification, finding.rectification_note = RectificationStatus.REPORTED, note.strip()[:300]
    save_audited(finding, by=by, reason=gettext_noop("报送整改情况"),
                 update_fields=["rectification", "rectification_note"])
    return finding


def rectification_verify(*, by, finding: InspectionFinding, accepted: bool) -> InspectionFinding:
    """The inspecting side verifies (or sends back) a reported rectification; the last verified closes the task."""
    inspection = finding.inspection
    if not user_can(by, "evaluation.inspect", inspection):
        raise NotAllowed(_("您无权核验整改"))
    if finding.rectification != RectificationStatus.REPORTED:
        raise InvalidState(_("该发现尚未报送整改"))
    with transaction.atomic():
        finding.rectification = RectificationStatus.VERIFIED if accepted else RectificationStatus.REQUIRED
        save_audited(finding, by=by, reason=gettext_noop("核验整改") if accepted else gettext_noop("整改未通过"),
                     update_fields=["rectification"])
        if accepted and not inspection.findings.exclude(rectification__in=(
                RectificationStatus.VERIFIED, RectificationStatus.NOT_REQUIRED)).exists():
            inspection.status = InspectionStatus.CLOSED
            save_audited(inspection, by=by, reason=gettext_noop("整改已验收"), update_fields=["status"])
    return finding


def inspection_scores(*, year: int, bodies=None) -> dict[int, dict]:
    """Per body: the mean score of the year's done inspections, how many, and the serious outcomes."""
    rows = Inspection.objects.filter(year=year, score__isnull=False)
    if bodies is not None:
        rows = rows.filter(body__in=bodies)
    out = {}
    for r in rows.values("body_id").annotate(mean=Avg("score"), n=Count("id")).order_by("body_id"):
        out[r["body_id"]] = {"mean": round(float(r["mean"]), 1), "n": r["n"], "serious": 0}
    for r in rows.filter(outcome=InspectionOutcome.SERIOUS).values("body_id").annotate(n=Count("id")).order_by():
        out[r["body_id"]]["serious"] = r["n"]
    return out


# Anomaly rules ------------------------------------------------------------------------------------------------


def anomalies_run(*, by=None, params: AnomalyParams | None = None) -> dict[str, int]:
    """Run every rule over all results; new patterns become open findings, known ones keep their review."""
    if by is not None and not user_can(by, "evaluation.run_anomalies"):
        raise NotAllowed(_("您无权运行异常规则"))
    params = params or AnomalyParams()
    bodies = dict(EvaluationBody.objects.values_list("pk", "district_id"))
    counts = {}
    with transaction.atomic():
        for rule, statement in RULES.items():
            with connection.cursor() as cursor:
                cursor.execute(statement(connection.vendor, params))
                names = [c[0] for c in cursor.description]
                rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
            counts[rule] = _store(rule, rows, bodies)
    return counts


def _store(rule: str, rows: list[dict], bodies: dict[int, int]) -> int:
    known = {f.fingerprint: f for f in AnomalyFinding.objects.filter(rule=rule)}
    new = []
    for row in rows:
        fingerprint = str(row.pop("fingerprint"))[:200]
        evidence = {k: (float(v) if hasattr(v, "is_finite") else v) for k, v in row.items()
                    if k not in ("body_id", "session_id", "person_id", "score")}
        evidence = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in evidence.items()}
        score = round(float(row["score"]), 2)
        finding = known.get(fingerprint)
        if finding is not None:
            finding.score, finding.evidence = score, evidence
            finding.save(update_fields=["score", "evidence"])
            continue
        new.append(AnomalyFinding(
            rule=rule, fingerprint=fingerprint, score=score, summary=_summary(rule, row)[:300], evidence=evidence,
            body_id=row["body_id"], district_id=bodies[row["body_id"]], session_id=row.get("session_id"),
            person_id=row.get("person_id")))
    AnomalyFinding.objects.bulk_create(new)
    return len(rows)


def _summary(rule: str, row: dict) -> str:
    label = str(AnomalyRule(rule).label)
    if rule in (AnomalyRule.BODY_PASS_RATE, AnomalyRule.EXAMINER_PASS_RATE):
        return _("%(label)s：%(year)s 年 %(n)s 人通过 %(k)s 人，其余通过率 %(p0).0f%%") % {
            "label": label, "year": row["yr"], "n": row["n"], "k": row["k"], "p0": 100 * float(row["p0"])}
    if rule == AnomalyRule.IDENTICAL_SCORES:
        return _("%(label)s：%(n)d 名考生三项成绩完全相同") % {"label": label, "n": int(row["score"])}
    if rule == AnomalyRule.TWO_SITES:
        return _("%(label)s：%(date)s") % {"label": label, "date": row["exam_date"]}
    return _("%(label)s：%(n)s 人，考位 %(capacity)s 个") % {"label": label, "n": row["candidates"],
                                                       "capacity": row["capacity"]}


def anomaly_review(*, by, finding: AnomalyFinding, outcome: str, note: str) -> AnomalyFinding:
    return finding_review(ANOMALY_WORKFLOW, finding=finding, by=by, outcome=outcome, note=note)
