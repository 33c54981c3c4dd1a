"""Competitions' part of the role matrix (see tests/role_matrix_apps.py)."""

from datetime import date
from decimal import Decimal


def world_add(world: dict) -> None:
    from django.utils import timezone

    from jineng.competitions.models import Mark, MarkChange, Objection, PlanVersion, Registration, Result
    from jineng.competitions.tests import factories as f

    office, enterprise = world["users"]["office"], world["users"]["enterprise"]
    for key, district, user in (("a", "310115", world["users"]["district"]), ("b", "310101", None)):
        event = f.event(by=user or f.district_office(district), district=district)
        person, _n = f.person(900 + ord(key))
        registration = Registration.objects.create(
            event=event, person=person, registered_on=date(2024, 5, 20),
            employer=enterprise.organisation if key == "a" else None)
        mark = Mark.objects.create(registration=registration, aspect=event.aspects.get(code="A"), value=Decimal(50))
        result = Result.objects.create(registration=registration, event=event, raw=Decimal(50),
                                       standardised=Decimal(700), rank=1, percentile=Decimal(100),
                                       rule_version="2024-01")
        world[f"comp_event_{key}"], world[f"comp_registration_{key}"] = event, registration
        world[f"comp_result_{key}"] = result
        world[f"comp_change_{key}"] = MarkChange.objects.create(mark=mark, old_value=Decimal(50),
                                                               new_value=Decimal(51), why="复核", requested_by=office)
        world[f"comp_objection_{key}"] = Objection.objects.create(event=event, text="异议", raised_on=date(2024, 6, 20))
    world["comp_version"] = PlanVersion.objects.create(plan=world["comp_event_a"].plan, number=1,
                                                       published_at=timezone.now(), events=[])


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


PARAMETERS = {
    ("competitions", "event_id"): _pair("comp_event"),
    ("competitions", "public_id"): _public(lambda w: w["comp_event_a"].pk),
    ("competitions", "change_id"): _pair("comp_change"),
    ("competitions", "objection_id"): _pair("comp_objection"),
    ("competitions", "version_id"): _public(lambda w: w["comp_version"].pk),
    ("competitions", "district_code"): _public("310115"),
    ("competitions", "industry_code"): _public("INFANT"),
    ("competitions-calendar", "pk"): _public(lambda w: w["comp_event_a"].pk),
    ("competitions-event", "pk"): _pair("comp_event"),
    ("competitions-registration", "pk"): _pair("comp_registration"),
    ("competitions-result", "pk"): _pair("comp_result"),
}

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "competitions-calendar-detail": "ok ok ok ok ok ok ok ok",
    "competitions-calendar-list": "ok ok ok ok ok ok ok ok",
    "competitions-event-detail": "ok ok 403 ok 403 403 403 login",
    "competitions-event-list": "ok ok 403 ok 403 403 403 login",
    "competitions-event-marks": "403 403 403 403 403 403 403 login",
    "competitions-event-transition": "ok 403 403 ok 403 403 403 login",
    "competitions-registration-detail": "ok ok 403 ok ok 403 403 login",
    "competitions-registration-list": "ok ok 403 ok ok 403 403 login",
    "competitions-result-detail": "ok ok 403 ok ok 403 403 login",
    "competitions-result-list": "ok ok 403 ok ok 403 403 login",
    "competitions:calendar": "ok ok ok ok ok ok ok ok",
    "competitions:calendar_district_ics": "ok ok ok ok ok ok ok ok",
    "competitions:calendar_industry_ics": "ok ok ok ok ok ok ok ok",
    "competitions:change_decide": "ok 403 403 ok 403 403 403 login",
    "competitions:change_request": "ok 403 403 ok 403 403 403 login",
    "competitions:employer": "403 403 403 403 ok 403 403 login",
    "competitions:employer_register": "403 403 403 403 ok 403 403 login",
    "competitions:event": "ok ok 403 ok 403 403 403 login",
    "competitions:event_action": "ok 403 403 ok 403 403 403 login",
    "competitions:event_edit": "ok 403 403 ok 403 403 403 login",
    "competitions:event_new": "ok 403 403 ok 403 403 403 login",
    "competitions:events": "ok ok 403 ok 403 403 403 login",
    "competitions:judge_add": "ok 403 403 ok 403 403 403 login",
    "competitions:mark_enter": "403 403 403 403 403 403 403 login",
    "competitions:objection_answer": "ok 403 403 ok 403 403 403 login",
    "competitions:objection_raise": "ok ok ok ok ok ok ok ok",
    "competitions:plan": "ok ok 403 ok 403 403 403 login",
    "competitions:plan_publish": "ok 403 403 403 403 403 403 login",
    "competitions:public_event": "ok ok ok ok ok ok ok ok",
    "competitions:public_register": "ok ok ok ok ok ok ok ok",
    "competitions:version": "ok ok 403 ok 403 403 403 login",
}
