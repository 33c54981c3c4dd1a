"""Audit trail on top of django-simple-history: who, when, what changed and why, for every record."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy


def save_audited(obj: models.Model, *, by: Any, reason: str, update_fields: list[str] | None = None) -> None:
    """Save ``obj`` and record ``by`` and ``reason`` on its history row."""
    obj._history_user = by  # read by simple_history when the row is written
    obj._change_reason = reason
    if update_fields is None:
        obj.save()
    else:
        obj.save(update_fields=update_fields)


def create_audited(model: type[models.Model], *, by: Any, reason: str, **fields: Any) -> models.Model:
    obj = model(**fields)
    save_audited(obj, by=by, reason=reason)
    return obj


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class AuditEntry:
    at: Any
    user: str
    action: str
    reason: str
    changes: tuple[FieldChange, ...]


_ACTIONS = {"+": gettext_lazy("创建"), "~": gettext_lazy("修改"), "-": gettext_lazy("删除")}


def audit_trail(obj: models.Model, *, limit: int = 50) -> list[AuditEntry]:
    """The record's history, newest first, each entry with its field-level differences.

    Foreign keys that changed are named in one query per related model, not one per change.
    """
    history = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    deltas = [
        record.diff_against(history[index + 1]).changes if index + 1 < len(history) else []
        for index, record in enumerate(history[:limit])
    ]
    names = _related_names(obj, [change for delta in deltas for change in delta])
    return [
        AuditEntry(
            at=record.history_date,
            user=str(record.history_user) if record.history_user else gettext("系统"),
            action=_ACTIONS.get(record.history_type, record.history_type),
            reason=_reason(record.history_change_reason),
            changes=tuple(_readable(obj, c.field, c.old, c.new, names) for c in delta),
        )
        for record, delta in zip(history[:limit], deltas, strict=True)
    ]


def _reason(stored: str | None) -> str:
    """Audit reasons are stored in the source language (marked with gettext_noop) and translated when shown."""
    return gettext(stored) if stored else ""


def _field(obj: models.Model, name: str):
    try:
        return obj._meta.get_field(name)
    except Exception:  # a field that no longer exists on the model
        return None


def _related_names(obj: models.Model, changes) -> dict[tuple[type, Any], str]:
    wanted: dict[type, set] = {}
    for change in changes:
        field = _field(obj, change.field)
        if field is not None and field.is_relation and field.related_model is not None:
            wanted.setdefault(field.related_model, set()).update(
                value for value in (change.old, change.new) if value not in (None, "")
            )
    return {
        (model, pk): str(related)
        for model, pks in wanted.items()
        for pk, related in model._default_manager.in_bulk(list(pks)).items()
    }


def _readable(obj: models.Model, name: str, old: Any, new: Any, names: dict) -> FieldChange:
    """A change as a person reads it: the field's label, choice labels, names instead of ids, local times."""
    field = _field(obj, name)
    if field is None:
        return FieldChange(name, old, new)
    return FieldChange(str(field.verbose_name), _value(field, old, names), _value(field, new, names))


def _value(field, value: Any, names: dict) -> Any:
    if value is None or value == "":
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.related_model is not None:
        return names.get((field.related_model, value), value)
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def audit_trail_of_rows(history_rows, *, describe, limit: int = 100) -> list[AuditEntry]:
    """History of a set of records (e.g. an indicator's 16 district targets), newest first.

    ``describe(row)`` says which record a history row is about and its value then.
    """
    rows = history_rows.select_related("history_user").order_by("-history_date", "-history_id")[:limit]
    return [
        AuditEntry(
            at=row.history_date,
            user=str(row.history_user) if row.history_user else "系统",
            action=_ACTIONS.get(row.history_type, row.history_type),
            reason=row.history_change_reason or "",
            changes=(FieldChange(describe(row), None, None),),
        )
        for row in rows
    ]
