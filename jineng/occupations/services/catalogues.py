"""Catalogue versions and their entries: draft → review → published → superseded (review → draft when returned).

Only the programme office writes. Entries change only while their version is a draft; publishing a
version supersedes the one published before it for the same kind and year, in the same transaction.
"""
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.occupations import permissions
from jineng.occupations.choices import CatalogueKind, CatalogueState, SkillLevel
from jineng.occupations.models import (
    CatalogueEntry,
    CatalogueVersion,
    Industry,
    Occupation,
    WorkType,
    catalogue_entry_key,
)
from jineng.occupations.workflows import CATALOGUE_WORKFLOW

ENTRY_FIELDS = (
    "occupation", "work_type", "name", "levels", "industry", "reason", "subsidy_uplift_pct", "residence_policy",
    "effective_from", "effective_to",
)  # fmt: skip
_KEEP: Any = object()  # "leave this field as it is" in catalogue_entry_update
_SPECIAL_ENDINGS = ("工", "员", "师")


def _check_office(by) -> None:
    if not permissions.can_manage_catalogues(by):
        raise NotAllowed(_("只有专班办公室可以维护目录"))


def catalogue_version_create(
    *, kind: str, year: int, by, copy_from: CatalogueVersion | None = None, title: str = "", note: str = ""
) -> CatalogueVersion:
    """The next numbered draft for the kind and year; with ``copy_from``, a copy of that version's entries."""
    _check_office(by)
    if kind not in CatalogueKind.values:
        raise DomainError(_("目录类别“{kind}”不正确").format(kind=kind))
    if not 2000 <= int(year) <= 2100:
        raise DomainError(_("年度须在 2000 到 2100 之间"))
    if copy_from is not None and copy_from.kind != kind:
        raise DomainError(_("只能复制同一类别的目录：“{title}”不是{label}").format(title=copy_from.title, label=CatalogueKind(kind).label))
    with transaction.atomic():
        taken = CatalogueVersion.objects.select_for_update().filter(kind=kind, year=year).values_list("number", flat=True)
        number = max(taken, default=0) + 1
        version = CatalogueVersion(
            kind=kind, year=year, number=number, created_by=by, copied_from=copy_from, note=note.strip(),
            title=title.strip()[:120] or _("{year}年{label}（第{number}版）").format(year=year, label=CatalogueKind(kind).label, number=number),
        )
        reason = _("复制“{title}”新建版本").format(title=copy_from.title) if copy_from else _("新建版本")
        save_audited(version, by=by, reason=reason)
        if copy_from is not None:
            _entries_copy(source=copy_from, target=version, by=by)
    return version


def _entries_copy(*, source: CatalogueVersion, target: CatalogueVersion, by) -> None:
    for entry in source.entries.order_by("order", "pk"):
        copy = CatalogueEntry(version=target, key=entry.key, order=entry.order,
                              **{field: getattr(entry, field) for field in ENTRY_FIELDS})
        save_audited(copy, by=by, reason=f"复制自“{source.title}”")


def _lock_draft(version: CatalogueVersion) -> CatalogueVersion:
    version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != CatalogueState.DRAFT:
        raise InvalidState(_("目录当前状态为“{state}”，只有草稿可以修改条目").format(state=version.get_state_display()))
    return version


def catalogue_entry_add(
    *,
    version: CatalogueVersion,
    by,
    occupation: Occupation | None = None,
    work_type: WorkType | None = None,
    name: str = "",
    levels=(),
    industry: Industry | None = None,
    reason: str = "",
    subsidy_uplift_pct: Decimal | str | None = None,
    residence_policy: bool = False,
    effective_from: date | None = None,
    effective_to: date | None = None,
) -> CatalogueEntry:
    _check_office(by)
    fields = _entry_clean(
        kind=version.kind, occupation=occupation, work_type=work_type, name=name, levels=levels, industry=industry,
        reason=reason, subsidy_uplift_pct=subsidy_uplift_pct, residence_policy=residence_policy,
        effective_from=effective_from, effective_to=effective_to,
    )
    with transaction.atomic():
        version = _lock_draft(version)
        entry = CatalogueEntry(version=version, **fields)
        entry.key = catalogue_entry_key(occupation=occupation, work_type=work_type, name=fields["name"])
        _check_unique(entry)
        entry.order = (version.entries.aggregate(top=Max("order"))["top"] or 0) + 1
        save_audited(entry, by=by, reason=gettext_noop("新增条目"))
    return entry


def catalogue_entry_update(
    *,
    entry: CatalogueEntry,
    by,
    occupation: Occupation | None = _KEEP,
    work_type: WorkType | None = _KEEP,
    name: str = _KEEP,
    levels=_KEEP,
    industry: Industry | None = _KEEP,
    reason: str = _KEEP,
    subsidy_uplift_pct: Decimal | str | None = _KEEP,
    residence_policy: bool = _KEEP,
    effective_from: date | None = _KEEP,
    effective_to: date | None = _KEEP,
) -> CatalogueEntry:
    """Change the given fields of a draft's entry; fields left out keep their values."""
    _check_office(by)
    given = {
        "occupation": occupation, "work_type": work_type, "name": name, "levels": levels, "industry": industry,
        "reason": reason, "subsidy_uplift_pct": subsidy_uplift_pct, "residence_policy": residence_policy,
        "effective_from": effective_from, "effective_to": effective_to,
    }  # fmt: skip
    with transaction.atomic():
        _lock_draft(entry.version)
        entry = CatalogueEntry.objects.select_related("version", "occupation", "work_type").get(pk=entry.pk)
        merged = {field: getattr(entry, field) if value is _KEEP else value for field, value in given.items()}
        fields = _entry_clean(kind=entry.version.kind, **merged)
        changed = [field for field, value in fields.items() if getattr(entry, field) != value]
        if not changed:
            return entry
        for field in changed:
            setattr(entry, field, fields[field])
        entry.key = catalogue_entry_key(occupation=entry.occupation, work_type=entry.work_type, name=entry.name)
        _check_unique(entry)
        save_audited(entry, by=by, reason=gettext_noop("修改条目"), update_fields=[*changed, "key"])
    return entry


def catalogue_entry_remove(*, entry: CatalogueEntry, by) -> None:
    _check_office(by)
    with transaction.atomic():
        _lock_draft(entry.version)
        entry._history_user = by  # simple_history records who deleted the row
        entry._change_reason = _("删除条目")
        entry.delete()


def _check_unique(entry: CatalogueEntry) -> None:
    duplicates = CatalogueEntry.objects.filter(version_id=entry.version_id, key=entry.key).exclude(pk=entry.pk)
    if duplicates.exists():
        raise DomainError(_("本版目录已有“{label}”，不能重复列入").format(label=entry.label))


def _entry_clean(
    *, kind: str, occupation, work_type, name, levels, industry, reason, subsidy_uplift_pct, residence_policy,
    effective_from, effective_to,
) -> dict[str, Any]:
    """The entry's fields checked and normalised; every problem found is reported at once."""
    errors: list[str] = []
    name = (name or "").strip()
    if occupation is None and not name:
        errors.append(_("请选择职业，或填写项目名称"))
    if len(name) > 80:
        errors.append(_("名称不超过 80 个字"))
    if work_type is not None and (occupation is None or work_type.occupation_id != occupation.pk):
        errors.append(_("工种“{name}”不属于所选职业").format(name=work_type.name))
    cleaned_levels = _levels_clean(levels, errors)
    if kind == CatalogueKind.SPECIAL:
        errors += _special_item_errors(name, cleaned_levels)
    uplift = _uplift_clean(subsidy_uplift_pct, errors)
    if effective_from and effective_to and effective_to < effective_from:
        errors.append(_("失效日期不能早于生效日期"))
    if errors:
        raise DomainError(_("；").join(errors))
    return {
        "occupation": occupation, "work_type": work_type, "name": name, "levels": cleaned_levels,
        "industry": industry, "reason": (reason or "").strip(), "subsidy_uplift_pct": uplift,
        "residence_policy": bool(residence_policy), "effective_from": effective_from, "effective_to": effective_to,
    }  # fmt: skip


def _levels_clean(levels, errors: list[str]) -> list[int]:
    cleaned = set()
    for level in levels or ():
        try:
            cleaned.add(SkillLevel(int(level)).value)
        except (TypeError, ValueError):
            errors.append(_("等级“{level}”不正确，应为 0（学徒工）到 7（首席技师）").format(level=level))
    return sorted(cleaned)


def _special_item_errors(name: str, levels: list[int]) -> list[str]:
    """专项职业能力 items are named "object + operation" (数据标注), not after a worker, and have no level."""
    errors = []
    if not name:
        errors.append(_("专项职业能力考核项目须填写项目名称，如“数据标注”"))
    elif name.endswith(_SPECIAL_ENDINGS):
        errors.append(_("专项职业能力项目名称“{name}”不能以“工”“员”“师”结尾，应为“对象＋操作”，如“数据标注”").format(name=name))
    if levels:
        errors.append(_("专项职业能力考核项目不分等级"))
    return errors


def _uplift_clean(value, errors: list[str]) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        uplift = Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation:
        errors.append(_("补贴上浮比例“{value}”不是数字").format(value=value))
        return None
    if not uplift.is_finite() or not 0 <= uplift <= 100:
        errors.append(_("补贴上浮比例须在 0 到 100 之间"))
        return None
    return uplift.quantize(Decimal("0.01"))


def catalogue_submit(*, version: CatalogueVersion, by) -> CatalogueVersion:
    def has_entries(locked: CatalogueVersion, step) -> None:
        if not locked.entries.exists():
            raise DomainError(_("目录还没有条目，不能提交审核"))

    return CATALOGUE_WORKFLOW.take(version, "submit", by=by, guard=has_entries)


def catalogue_return(*, version: CatalogueVersion, by, comment: str) -> CatalogueVersion:
    return CATALOGUE_WORKFLOW.take(version, "return", by=by, comment=comment)


def catalogue_publish(*, version: CatalogueVersion, by) -> CatalogueVersion:
    """Publish; the version published before it for the same kind and year becomes superseded."""

    def supersede_previous(locked: CatalogueVersion, step) -> None:
        previous = CatalogueVersion.objects.filter(kind=locked.kind, year=locked.year, state=CatalogueState.PUBLISHED)
        for old in previous.order_by("pk"):
            CATALOGUE_WORKFLOW.take(old, "supersede", by=by, audit=gettext_noop("被第 {number} 版替代").format(number=locked.number))

    return CATALOGUE_WORKFLOW.take(version, "publish", by=by, effects=supersede_previous)
