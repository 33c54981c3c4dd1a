"""Audit trail on top of django-simple-history: who, when, what changed and why, for every record."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.utils import timezone


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


_ACTIONS = {"+": "创建", "~": "修改", "-": "删除"}


def audit_trail(obj: models.Model, *, limit: int = 50) -> list[AuditEntry]:
    """The record's history, newest first, each entry with its field-level differences."""
    history = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(history[:limit]):
        previous = history[index + 1] if index + 1 < len(history) else None
        changes: tuple[FieldChange, ...] = ()
        if previous is not None:
            delta = record.diff_against(previous)
            changes = tuple(_readable(obj, c.field, c.old, c.new) for c in delta.changes)
        entries.append(
            AuditEntry(
                at=record.history_date,
                user=str(record.history_user) if record.history_user else "系统",
                action=_ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _readable(obj: models.Model, name: str, old: Any, new: Any) -> FieldChange:
    """A change as a person reads it: the field's label, choice labels, names instead of ids, local times."""
    try:
        field = obj._meta.get_field(name)
    except Exception:  # a field that no longer exists on the model
        return FieldChange(name, old, new)
    return FieldChange(str(field.verbose_name), _value(field, old), _value(field, new))


def _value(field, value: Any) -> Any:
    if value is None or value == "":
        return value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
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
