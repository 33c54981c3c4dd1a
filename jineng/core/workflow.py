"""Declared review workflows, and the one way to take a transition.

An app declares each workflow once: its model and state field, and its transitions — the states each leaves
from, the state it reaches, the capability (and, where the record matters, the rule) a user needs to take it,
what it stamps on the record (who, when, the comment) and whether a comment is required. Then every change of
state goes through ``Workflow.take``, which:

1. locks the row (``select_for_update``; SQLite serialises writers with IMMEDIATE transactions),
2. checks the user may take the transition (``NotAllowed``, 403) and that it leaves from the current state
   (``InvalidState``, 409); a transition declared ``idempotent`` that finds the record already in its target
   state returns it unchanged (a bank file sent twice pays once),
3. runs the declared and the caller's guards (business rules, ``DomainError`` with the reason),
4. sets the state and the stamps, lets the caller's ``effects`` change more fields or other records,
5. saves with ``update_fields`` and records who and why on the history row (django-simple-history),

and returns the locked, updated object. ``Workflow.available`` lists what a user may do now, for the one review
partial (``core/_review.html``) every review page includes.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jineng.core import capabilities
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed

REASON_MAX = 100  # simple-history's history_change_reason column


class Stamp(Enum):
    """What a transition writes into a field besides the state."""

    BY = "by"  # the user taking the transition
    NOW = "now"  # the moment it is taken
    NOW_ONCE = "now_once"  # the moment, unless the field already holds one (first submission)
    COMMENT = "comment"  # the comment given with it
    CLEAR = "clear"  # None (or "" for text fields)


@dataclass(frozen=True)
class Step:
    """One transition being taken: who, when, with what comment, from which state."""

    by: Any
    at: datetime
    comment: str
    source: str
    transition: "Transition"


@dataclass(frozen=True)
class Transition:
    """One move of a declared workflow.

    ``capability`` is the name of an app-declared capability, asked with the record
    (``core.capabilities.user_can(user, capability, obj)``: the district, the organisation); ``rule(user, obj)``
    narrows it further where the workflow needs it (the unit's own report). ``stamps`` maps a field to a ``Stamp``, a constant
    or ``callable(obj, step)``. ``audit`` is the history's reason (the label by default), ``callable(step)`` when it
    depends on the step; with ``comment_in_audit`` the comment follows it ("退回：…").
    """

    name: str
    label: str
    source: tuple[str, ...]
    target: str
    capability: str
    rule: Callable[[Any, Any], bool] | None = None
    stamps: Mapping[str, Any] = field(default_factory=dict)
    comment_required: str = ""  # the message when a required comment is missing; "" = comment optional
    comment_in_audit: bool = False
    audit: str | Callable[[Step], str] = ""
    refused: str = ""  # NotAllowed message
    wrong_state: str = ""  # what may be done instead, after "当前状态为“…”，"
    guard: Callable[[Any, Step], None] | None = None
    idempotent: bool = False
    style: str = ""  # the button's look on the review partial: "", "secondary" or "danger"

    def audit_reason(self, step: Step) -> str:
        reason = str(self.audit(step) if callable(self.audit) else (self.audit or self.label))
        if self.comment_in_audit and step.comment:
            reason = f"{reason}：{step.comment}"
        return reason[:REASON_MAX]


@dataclass(frozen=True)
class Action:
    """A transition a user may take now, as the review partial shows it."""

    name: str
    label: str
    style: str
    comment_required: bool
    url: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    user: str
    source_label: str
    target_label: str
    reason: str


class Workflow:
    """A model's states and transitions, declared once; ``take`` is the only way to change the state."""

    def __init__(self, *, model: type[models.Model], transitions: Iterable[Transition], field: str = "state",
                 noun: str | Callable[[Any], str] = "", comment_max: int = 300,
                 allows: Callable[[Any, str, Any], bool] = capabilities.user_can):
        self.model = model
        self.field = field
        self.allows = allows
        self.noun = noun
        self.comment_max = comment_max
        self.transitions = {t.name: t for t in transitions}
        states = {value for value, _label in model._meta.get_field(field).choices}
        for t in self.transitions.values():
            unknown = {*t.source, t.target} - states
            if unknown:
                raise ValueError(f"{model.__name__}.{t.name}: unknown states {sorted(unknown)}")

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def may(self, user, obj, name: str) -> bool:
        """The user may take this transition on this record (its state aside)."""
        transition = self.transitions[name]
        if not self.allows(user, transition.capability, obj):
            return False
        return transition.rule is None or bool(transition.rule(user, obj))

    def available(self, obj, user, *, urls: Mapping[str, str] | None = None) -> list[Action]:
        """The transitions this user may take from the record's current state, in declaration order."""
        state = getattr(obj, self.field)
        return [
            Action(t.name, str(t.label), t.style, bool(t.comment_required), (urls or {}).get(t.name, ""))
            for t in self.transitions.values()
            if state in t.source and (urls is None or t.name in urls) and self.may(user, obj, t.name)
        ]

    def take(self, obj, name: str, *, by, comment: str = "", guard: Callable[[Any, Step], None] | None = None,
             effects: Callable[[Any, Step], Iterable[str] | None] | None = None, audit: str = "") -> Any:
        """Lock, check, stamp, save with ``update_fields``, audit; the updated object, or a domain error."""
        transition = self.transitions[name]
        comment = (comment or "").strip()
        if transition.comment_required and not comment:
            raise DomainError(transition.comment_required)
        if len(comment) > self.comment_max:
            raise DomainError(_("意见不能超过 %(max)s 字") % {"max": self.comment_max})
        with transaction.atomic():
            locked = self.model._default_manager.select_for_update().get(pk=obj.pk)
            if not self.may(by, locked, name):
                raise NotAllowed(transition.refused or _("您无权%(action)s") % {"action": transition.label})
            source = getattr(locked, self.field)
            if transition.idempotent and source == transition.target:
                return locked
            if source not in transition.source:
                raise InvalidState(self.wrong_state_message(locked, transition))
            step = Step(by=by, at=timezone.now(), comment=comment, source=source, transition=transition)
            for check in (transition.guard, guard):
                if check is not None:
                    check(locked, step)
            changed = [self.field, *self._stamp(locked, transition, step)]
            setattr(locked, self.field, transition.target)
            if effects is not None:
                changed += list(effects(locked, step) or ())
            changed = list(dict.fromkeys(changed))
            with translation.override(settings.LANGUAGE_CODE):  # audit reasons are stored in the source language
                reason = str(audit or transition.audit_reason(step))[:REASON_MAX]
            save_audited(locked, by=by, reason=reason, update_fields=changed)
        if obj is not locked:  # the caller's copy shows what was saved, as a refresh would
            for name in changed:
                setattr(obj, name, getattr(locked, name))
        return locked

    def _stamp(self, obj, transition: Transition, step: Step) -> list[str]:
        for name, stamp in transition.stamps.items():
            setattr(obj, name, self._stamp_value(obj, name, stamp, step))
        return list(transition.stamps)

    def _stamp_value(self, obj, name: str, stamp, step: Step):
        if stamp is Stamp.BY:
            return step.by
        if stamp is Stamp.NOW:
            return step.at
        if stamp is Stamp.NOW_ONCE:
            return getattr(obj, name) or step.at
        if stamp is Stamp.COMMENT:
            return step.comment
        if stamp is Stamp.CLEAR:
            model_field = self.model._meta.get_field(name)
            return "" if isinstance(model_field, (models.CharField, models.TextField)) else None
        return stamp(obj, step) if callable(stamp) else stamp

    def state_label(self, obj) -> str:
        return str(getattr(obj, f"get_{self.field}_display")())

    def wrong_state_message(self, obj, transition: Transition) -> str:
        noun = self.noun(obj) if callable(self.noun) else self.noun
        instead = transition.wrong_state or _("不能%(action)s") % {"action": transition.label}
        return _("%(noun)s当前状态为“%(state)s”，%(instead)s") % {
            "noun": noun, "state": self.state_label(obj), "instead": instead}

    def history(self, obj, *, limit: int = 50) -> list[HistoryEntry]:
        """The record's changes of state, oldest first: who moved it from which state to which, and why."""
        labels = dict(self.model._meta.get_field(self.field).flatchoices)
        rows = obj.history.select_related("history_user").order_by("history_date", "history_id")
        entries, previous = [], None
        for row in rows.iterator():
            state = getattr(row, self.field)
            if state != previous:
                entries.append(HistoryEntry(
                    at=row.history_date, user=str(row.history_user) if row.history_user else _("系统"),
                    source_label=str(labels.get(previous, "")) if previous else "",
                    target_label=str(labels.get(state, state)), reason=row.history_change_reason or ""))
            previous = state
        return entries[-limit:]


@dataclass(frozen=True)
class Review:
    """What the review partial shows: the state, the history of transitions, what this user may do now."""

    state: str
    state_label: str
    history: list[HistoryEntry]
    actions: list[Action]
    url: str = ""
    comment_label: str = ""
    comment_max: int = 300
    hidden: Mapping[str, str] = field(default_factory=dict)


def review_panel(workflow: Workflow, obj, user, *, urls: Mapping[str, str], comment_label: str = "",
                 hidden: Mapping[str, str] | None = None) -> Review:
    """The review partial's context for one record; ``urls`` maps each transition offered on the page to its URL."""
    return Review(
        state=getattr(obj, workflow.field), state_label=workflow.state_label(obj), history=workflow.history(obj),
        actions=workflow.available(obj, user, urls=urls), url=next(iter(urls.values()), ""),
        comment_label=comment_label or _("意见"), comment_max=workflow.comment_max, hidden=dict(hidden or {}),
    )
