"""Import a task-division table into a Plan: all-or-nothing, idempotent, audited."""
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from jineng.accounts.models import Organisation
from jineng.accounts.selectors import district_government_list, organisation_list, organisation_match_index
from jineng.core import metrics
from jineng.core.audit import save_audited
from jineng.core.exceptions import ImportRejected
from jineng.core.spreadsheets import file_limits
from jineng.workplan.choices import LeadRole
from jineng.workplan.engine.plan_parser import ParsedPlan, ParsedTask, PlanParseError, parse_plan
from jineng.workplan.models import Category, Indicator, Plan, Task, TaskUnit

ALL_DISTRICTS = "各区政府"
DESIGNATED_DISTRICTS = "有关区政府"
ALL_MEMBERS = "各成员单位"


@dataclass
class ImportSummary:
    plan: Plan
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    messages: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass(frozen=True)
class _UnitAssignment:
    organisation: Organisation
    role: str
    via: str


def plan_import_file(*, path: Path, year: int, by, reason: str = "") -> ImportSummary:
    try:
        parsed = parse_plan(path, limits=file_limits())
    except PlanParseError as exc:
        raise ImportRejected([str(exc)]) from exc
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return plan_import(parsed=parsed, year=year, by=by, source_name=path.name, source_sha256=digest, reason=reason)


def plan_import(
    *, parsed: ParsedPlan, year: int, by, source_name: str = "", source_sha256: str = "", reason: str = ""
) -> ImportSummary:
    assignments = _resolve_units(parsed)
    reason = reason or _("导入 {v1}").format(v1=source_name or _("任务分工表"))
    with transaction.atomic():
        plan = _plan_upsert(parsed, year=year, by=by, source_name=source_name, digest=source_sha256, reason=reason)
        summary = ImportSummary(plan=plan)
        categories = _categories_upsert(plan, parsed.categories())
        for parsed_task in parsed.tasks:
            _task_upsert(plan, parsed_task, categories, assignments[parsed_task.number], by, reason, summary)
        _tasks_remove_missing(plan, {t.number for t in parsed.tasks}, by, reason, summary)
        Category.objects.filter(plan=plan).exclude(name__in=parsed.categories()).delete()
    return summary


def _resolve_units(parsed: ParsedPlan) -> dict[int, list[_UnitAssignment]]:
    index = organisation_match_index()
    errors, result = [], {}
    for task in parsed.tasks:
        assignments = []
        for role, names in ((LeadRole.LEAD, task.lead_units), (LeadRole.PARTNER, task.partner_units)):
            for name in names:
                found = _expand_unit(name, index)
                if found is None:
                    errors.append(_("第 {row} 行（序号 {number}）：牵头/配合单位“{name}”不是已登记的机构").format(row=task.row, number=task.number, name=name))
                assignments += [_UnitAssignment(org, role, name if len(found) > 1 else "") for org in found or []]
        result[task.number] = _dedupe(assignments)
    if errors:
        raise ImportRejected(errors)
    return result


def _expand_unit(name: str, index: dict[str, Organisation]) -> list[Organisation] | None:
    if name == ALL_DISTRICTS:
        return list(district_government_list())
    if name == DESIGNATED_DISTRICTS:
        return []
    if name == ALL_MEMBERS:
        return list(organisation_list().filter(is_member_unit=True))
    organisation = index.get(name)
    return [organisation] if organisation else None


def _dedupe(assignments: list[_UnitAssignment]) -> list[_UnitAssignment]:
    seen, unique = set(), []
    for item in assignments:
        key = (item.organisation.pk, item.role)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def _plan_upsert(parsed: ParsedPlan, *, year: int, by, source_name: str, digest: str, reason: str) -> Plan:
    plan = Plan.objects.filter(year=year).first()
    fields = {"title": parsed.title[:200] or _("{year}年任务分工表").format(year=year), "source_name": source_name, "source_sha256": digest}
    if plan is None:
        plan = Plan(year=year, **fields)
        save_audited(plan, by=by, reason=reason)
    elif _assign_changed(plan, fields):
        save_audited(plan, by=by, reason=reason, update_fields=list(fields))
    return plan


def _categories_upsert(plan: Plan, names: list[str]) -> dict[str, Category]:
    existing = {c.name: c for c in Category.objects.filter(plan=plan)}
    # Orders are rewritten in two steps so that the (plan, order) constraint never sees a clash.
    Category.objects.filter(plan=plan).update(order=F("order") + 1000)
    result = {}
    for order, name in enumerate(names, start=1):
        category = existing.get(name) or Category(plan=plan, name=name)
        category.order = order
        category.save()
        result[name] = category
    return result


def _task_upsert(plan, parsed_task: ParsedTask, categories, assignments, by, reason, summary) -> None:
    fields = {
        "category": categories[parsed_task.category],
        "content": parsed_task.content,
        "lead_text": _("、").join(parsed_task.lead_units)[:300],
        "designation_pending": DESIGNATED_DISTRICTS in parsed_task.lead_units,
    }
    task = Task.objects.filter(plan=plan, number=parsed_task.number).first()
    created = task is None
    if created:
        task = Task(plan=plan, number=parsed_task.number, **fields)
        save_audited(task, by=by, reason=reason)
    changed = not created and _assign_changed(task, fields)
    if changed:
        save_audited(task, by=by, reason=reason)
    changed |= _units_sync(task, assignments, by, reason)
    changed |= _indicators_sync(task, parsed_task, by, reason)
    if created:
        summary.created += 1
    elif changed:
        summary.updated += 1
    else:
        summary.unchanged += 1


def _assign_changed(obj, fields: dict) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _units_sync(task: Task, assignments: list[_UnitAssignment], by, reason: str) -> bool:
    wanted = {(a.organisation.pk, a.role): a for a in assignments}
    current = {(u.organisation_id, u.role): u for u in TaskUnit.objects.filter(task=task)}
    changed = False
    for key, unit in current.items():
        # districts the office designated for "有关区政府" stay while the plan still names them so
        kept = task.designation_pending and unit.via == DESIGNATED_DISTRICTS
        if key not in wanted and not kept:
            unit._history_user, unit._change_reason = by, reason
            unit.delete()
            changed = True
    for key, assignment in wanted.items():
        if key not in current:
            unit = TaskUnit(task=task, organisation=assignment.organisation, role=assignment.role, via=assignment.via)
            save_audited(unit, by=by, reason=reason)
            changed = True
    return changed


def _indicators_sync(task: Task, parsed_task: ParsedTask, by, reason: str) -> bool:
    current = {i.ordinal: i for i in Indicator.objects.filter(task=task)}
    changed = False
    for ordinal, target in enumerate(parsed_task.targets, start=1):
        fields = {
            "kind": target.kind,
            "label": target.label[:120],
            "unit": target.unit,
            "annual_target": Decimal(target.value) if target.value is not None else None,
            "source_text": target.text[:200],
        }
        indicator = current.pop(ordinal, None)
        if indicator is None or not indicator.metric_chosen:
            fields["metric_key"] = metrics.metric_for_target(label=fields["label"], unit=fields["unit"])
        if indicator is None:
            save_audited(Indicator(task=task, ordinal=ordinal, **fields), by=by, reason=reason)
            changed = True
        elif _assign_changed(indicator, fields):
            save_audited(indicator, by=by, reason=reason)
            changed = True
    for indicator in current.values():
        _refuse_if_used(indicator)
        indicator._history_user, indicator._change_reason = by, reason
        indicator.delete()
        changed = True
    return changed


def _refuse_if_used(indicator: Indicator) -> None:
    if indicator.values.exists() or indicator.district_targets.exists():
        raise ImportRejected(
            [_("序号 {number} 的指标“{label}”已有分解目标或填报数据，新版本中不能删除").format(number=indicator.task.number, label=indicator.label)]
        )


def _tasks_remove_missing(plan: Plan, numbers: set[int], by, reason: str, summary: ImportSummary) -> None:
    for task in Task.objects.filter(plan=plan).exclude(number__in=numbers):
        if task.reports.exists():
            raise ImportRejected([_("序号 {number} 已有月度报告，新版本中不能删除该任务").format(number=task.number)])
        task._history_user, task._change_reason = by, reason
        task.delete()
        summary.removed += 1
