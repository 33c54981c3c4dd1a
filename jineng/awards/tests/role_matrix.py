"""The awards part of the role matrix: a master-studio call in publicity, application A (the matrix enterprise's,
screened by 市教委, in 浦东, assigned to the evaluation institution's login as reviewer) and application B (another
enterprise in 黄浦, screened by 黄浦), an award and an objection on each."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

#                                              office leader dept  district enterprise institution evaluator anonymous
EXPECT: dict[str, str] = {
    "awards:calls": "ok ok ok ok ok ok ok login",
    "awards:call_new": "ok 403 403 403 403 403 403 login",
    "awards:call": "ok ok ok ok ok ok ok login",
    "awards:call_publicise": "ok 403 403 403 403 403 403 login",
    "awards:application_new": "403 403 403 403 ok ok 403 login",
    "awards:applications": "ok ok ok ok ok ok ok login",
    "awards:application": "ok ok ok ok ok 404 ok login",
    "awards:application_edit": "403 403 403 403 ok 404 403 login",
    "awards:application_attach": "403 403 403 403 ok 404 403 login",
    "awards:application_act": "403 403 403 403 ok 404 403 login",
    "awards:application_assign": "ok 403 403 403 403 403 403 login",
    "awards:application_score": "403 403 403 403 403 403 ok login",
    "awards:application_award": "ok 403 403 403 403 403 403 login",
    "awards:objection_handle": "ok 403 403 403 403 403 403 login",
    "awards:reviews": "403 403 403 403 403 403 ok login",
    "awards:awards": "ok ok ok ok ok ok 403 login",
    "awards:award": "ok ok ok ok ok 404 403 login",
    "awards:award_record": "ok ok ok ok ok 404 403 login",
    "awards:publicity": "ok ok ok ok ok ok ok ok",
    "awards:publicity_call": "ok ok ok ok ok ok ok ok",
    "awards:publicity_object": "ok ok ok ok ok ok ok login",
    "award-call-list": "ok ok ok ok ok ok ok login",
    "award-call-detail": "ok ok ok ok ok ok ok login",
    "award-application-list": "ok ok ok ok ok ok ok login",
    "award-application-detail": "ok ok ok ok ok 404 ok login",
    "award-application-submit": "403 403 403 403 ok 404 403 login",
    "award-application-screen": "403 403 ok 403 403 404 403 login",
    "award-application-return-": "403 403 ok 403 403 404 403 login",
    "award-application-score": "403 403 403 403 403 404 ok login",
    "award-publicity-list": "ok ok ok ok ok ok ok ok",
    "award-publicity-detail": "ok ok ok ok ok ok ok ok",
    "award-publicity-entries": "ok ok ok ok ok ok ok ok",
}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


PARAMETERS = {
    ("awards", "call_id"): _public(lambda w: w["award_call"].pk),
    ("awards", "application_id"): _pair("award_application"),
    ("awards", "action"): _public("submit"),
    ("awards", "objection_id"): _pair("award_objection"),
    ("awards", "award_id"): _pair("award"),
    ("awards", "entry_id"): _public(lambda w: w["award_application_a"].pk),
    ("award-call", "pk"): _public(lambda w: w["award_call"].pk),
    ("award-application", "pk"): _pair("award_application"),
    ("award-publicity", "pk"): _public(lambda w: w["award_call"].pk),
}


def world_add(world: dict) -> None:
    from jineng.accounts.models import Organisation
    from jineng.awards.models import Application, Assignment, Award, Call, Objection, Reviewer, RuleSet
    from jineng.core.models import District

    office, enterprise = world["users"]["office"], world["users"]["enterprise"]
    today = timezone.localdate()
    call = Call.objects.create(
        kind="master_studio", year=2024, title="矩阵测试工作室", quota=2, amount=Decimal(100000),
        matching_min=Decimal(100000), rule_set=RuleSet.objects.get(code="master_studio", version=1),
        opens_on=date(2024, 5, 1), deadline=timezone.now() + timedelta(days=30), status="publicity",
        publicity_start=today, publicity_end=today + timedelta(days=4), created_by=office)
    world["award_call"] = call
    sides = {
        "a": (enterprise.organisation, Organisation.objects.get(name="市教委"), "310115"),
        "b": (Organisation.objects.get(name="上海测试集成电路有限公司"), Organisation.objects.get(name="黄浦区人民政府"),
              "310101"),
    }
    for key, (employer, unit, district) in sides.items():
        application = Application.objects.create(
            number=f"MA2024-{key}", call=call, employer=employer, screening_unit=unit,
            district=District.objects.get(code=district), title=f"矩阵工作室{key}", leader_name="张师傅",
            leader_level=5, state="publicity", rank=1 if key == "a" else 2, created_by=office)
        world[f"award_application_{key}"] = application
        world[f"award_{key}"] = Award.objects.create(
            application=application, amount=Decimal(100000), matching_required=Decimal(100000),
            awarded_on=today, period_start=today, period_end=today + timedelta(days=1000),
            categories=["equipment"], awarded_by=office)
        world[f"award_objection_{key}"] = Objection.objects.create(
            application=application, lodged_by=enterprise if key == "a" else office, text="测试异议")
    reviewer = Reviewer.objects.create(user=world["users"]["evaluator"], speciality="测试")
    Assignment.objects.create(application=world["award_application_a"], reviewer=reviewer)
