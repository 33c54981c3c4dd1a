"""Start a city-wide risk run and execute it: every rule's SQL, then findings upserted by (rule, fingerprint)."""
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from jineng.core.exceptions import InvalidState, NotAllowed
from jineng.core.models import Person
from jineng.integrity import permissions
from jineng.integrity.choices import RiskRunStatus
from jineng.integrity.engine.dialect import dialect_for
from jineng.integrity.engine.params import DEFAULT_PARAMS, RiskParams
from jineng.integrity.engine.rules import RULES, FindingDraft, risk_pass, rule_run
from jineng.integrity.models import RiskFinding, RiskRun
from jineng.training.models import Institution

PARALLEL_RULES = 2  # the bench's target machine has two cores
_REFRESHED = ["score", "summary", "evidence", "institution", "district", "person", "last_run"]


def risk_run_start(*, by) -> RiskRun:
    """Queue a run over the whole city; the worker (`manage.py db_worker`) executes it."""
    from jineng.integrity.tasks import risk_run_execute_task

    if not permissions.can_manage(by):
        raise NotAllowed(_("只有专班办公室可以发起风险核查"))
    if RiskRun.objects.filter(status__in=[RiskRunStatus.QUEUED, RiskRunStatus.RUNNING]).exists():
        raise InvalidState(_("已有风险核查在进行中，请等待其完成"))
    run = RiskRun.objects.create(started_by=by, rules_total=len(RULES))
    transaction.on_commit(lambda: risk_run_execute_task.enqueue(run_id=run.pk))
    return run


def risk_run_execute(*, run_id: int, params: RiskParams = DEFAULT_PARAMS) -> RiskRun:
    run = RiskRun.objects.get(pk=run_id)
    RiskRun.objects.filter(pk=run.pk).update(status=RiskRunStatus.RUNNING, started_at=timezone.now(), rules_done=0,
                                             rules_total=len(RULES), counts={}, error="")
    counts: dict[str, int] = {}

    def stored(rule: str, drafts: list[FindingDraft]) -> None:
        findings_upsert(run=run, drafts=drafts)
        counts[rule] = len(drafts)
        RiskRun.objects.filter(pk=run.pk).update(rules_done=F("rules_done") + 1, counts=dict(counts))

    try:
        if _can_run_in_parallel():
            _risk_pass_parallel(params, on_rule=stored)
        else:
            risk_pass(_execute, dialect_for(connection.vendor), params, on_rule=stored)
    except Exception as exc:  # the page shows what failed
        RiskRun.objects.filter(pk=run.pk).update(status=RiskRunStatus.FAILED, error=str(exc)[:2000],
                                                 finished_at=timezone.now())
        raise
    RiskRun.objects.filter(pk=run.pk).update(status=RiskRunStatus.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def _execute(statement: str) -> list[tuple]:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # JIT compilation costs more than it saves on these one-off scans (about 0.5 s per rule).
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(statement)
        return cursor.fetchall()


def _can_run_in_parallel() -> bool:
    """Rules are independent reads: on PostgreSQL, outside a caller's transaction, two run at a time."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block and PARALLEL_RULES > 1


def _risk_pass_parallel(params: RiskParams, *, on_rule) -> None:
    dialect = dialect_for(connection.vendor)

    def one(rule: str) -> list[FindingDraft]:
        try:
            return rule_run(rule, _execute, dialect, params)
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=PARALLEL_RULES) as pool:
        futures = {pool.submit(one, rule): rule for rule in RULES}
        for future in as_completed(futures):
            on_rule(futures[future], future.result())


@transaction.atomic
def findings_upsert(*, run: RiskRun, drafts: list[FindingDraft]) -> None:
    """New patterns become open findings; known ones get fresh score and evidence and keep their review."""
    if not drafts:
        return
    drafts = _with_districts(_with_masked_persons(drafts))
    rule = drafts[0].rule
    existing = {f.fingerprint: f for f in RiskFinding.objects.filter(rule=rule,
                                                                      fingerprint__in=[d.fingerprint for d in drafts])}
    fresh, refreshed = [], []
    for draft in drafts:
        values = {"score": draft.score, "summary": draft.summary[:300], "evidence": draft.evidence,
                  "institution_id": draft.institution_id, "district_id": draft.district_id,
                  "person_id": draft.person_id, "last_run": run}
        finding = existing.get(draft.fingerprint)
        if finding is None:
            fresh.append(RiskFinding(rule=draft.rule, fingerprint=draft.fingerprint, first_run=run, **values))
            continue
        for name, value in values.items():
            setattr(finding, name, value)
        refreshed.append(finding)
    if fresh:
        bulk_create_with_history(fresh, RiskFinding, batch_size=500, default_change_reason=_("风险核查 #{pk} 发现").format(pk=run.pk))
    if refreshed:
        bulk_update_with_history(refreshed, RiskFinding, _REFRESHED, batch_size=500,
                                 default_change_reason=_("风险核查 #{pk} 更新").format(pk=run.pk))


def _with_masked_persons(drafts: list[FindingDraft]) -> list[FindingDraft]:
    """Evidence names persons by id and masked number only."""
    ids = {pid for d in drafts for pid in d.evidence.get("persons", [])} | {d.person_id for d in drafts if d.person_id}
    masked = dict(Person.objects.filter(pk__in=ids).values_list("pk", "resident_id_masked"))
    out = []
    for draft in drafts:
        evidence = dict(draft.evidence)
        persons = evidence.get("persons") or ([draft.person_id] if draft.person_id else [])
        evidence["persons"] = [{"id": pid, "masked": masked.get(pid, "")} for pid in persons]
        out.append(_replace(draft, evidence=evidence))
    return out


def _with_districts(drafts: list[FindingDraft]) -> list[FindingDraft]:
    wanted = {d.institution_id for d in drafts if d.institution_id and not d.district_id}
    districts = dict(Institution.objects.filter(pk__in=wanted).values_list("pk", "district_id"))
    return [_replace(d, district_id=d.district_id or districts.get(d.institution_id)) for d in drafts]


def _replace(draft: FindingDraft, **changes) -> FindingDraft:
    return replace(draft, **changes)
