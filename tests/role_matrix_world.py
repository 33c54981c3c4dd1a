"""The small world the role matrix walks: one login per role, and for every kind of record in a URL one record in
the roles' scope ("A": 浦东, the college 教委 reads, the enterprise's own) and one outside it ("B": 黄浦, another
institution and enterprise)."""

from datetime import date, datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from jineng.accounts.models import Organisation, User
from jineng.core.models import District
from jineng.demand.tests import factories as demand
from jineng.forecasting.models import ForecastRun
from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.integrity.tests import factories as integrity
from jineng.occupations.models import CatalogueEntry, CatalogueVersion, Industry, Occupation
from jineng.subsidies.models import Payment, PaymentBatch
from jineng.training.models import TrainingImport
from jineng.training.tests import factories as training
from jineng.workplan.models import Indicator, MonthlyReport, ReportAttachment, Task
from tests.role_matrix_apps import app_matrices

ROLES = ("office", "leader", "department", "district", "enterprise", "institution", "evaluator", "anonymous")
CITY_WIDE = ("office", "leader")


def _login(username: str, organisation: Organisation) -> User:
    return User.objects.create_user(username=username, organisation=organisation)


def _shanghai(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=timezone.get_default_timezone())


def _training(world: dict) -> None:
    infant = Industry.objects.get(code="INFANT")
    a = training.institution(kind="college", district="310115")
    b = training.institution(kind="private", district="310101")
    for key, inst, industry in (("a", a, infant), ("b", b, None)):
        klass = training.training_class(training.project(inst, industry=industry))
        enrolment = training.enrolment(klass)
        world[f"institution_{key}"], world[f"class_{key}"], world[f"enrolment_{key}"] = inst, klass, enrolment
        world[f"person_{key}"] = enrolment.person
        world[f"import_{key}"] = TrainingImport.objects.create(
            institution=inst, file_name="records.xlsx", sha256=key * 64, status="done",
            created_by=training.institution_user(inst))
    world["users"]["institution"] = a.organisation.users.first()


_PART = {"value": 0.9, "weight": 0.25, "points": 22.5}
_RATING_COMPONENTS = {  # the shape integrity.engine.rating computes
    "completion": _PART, "inspection": _PART,
    "pass_rate": _PART | {"raw": 0.9, "examined": 10, "passed": 9, "prior_mean": 0.8, "prior_strength": 5.0},
    "satisfaction": _PART | {"response_rate": 0.5}, "penalty": {"confirmed_findings": 0, "points": 0.0},
}


def _subsidies_and_risk(world: dict) -> None:
    run = RiskRun.objects.create(status="done")
    batch = PaymentBatch.objects.create(created_by=world["users"]["office"])
    for key in ("a", "b"):
        enrolment = world[f"enrolment_{key}"]
        claim = integrity.claim(enrolment.person, at=_shanghai(date(2024, 6, 3)), enrol=enrolment, status="approved")
        world[f"claim_{key}"] = claim
        world[f"payment_{key}"] = Payment.objects.create(claim=claim, batch=batch, amount=claim.amount)
        inst = world[f"institution_{key}"]
        world[f"finding_{key}"] = RiskFinding.objects.create(
            rule="hours", fingerprint=f"f-{key}", score=Decimal("80"), summary="测试线索", institution=inst,
            district=inst.district, person=enrolment.person, first_run=run, last_run=run)
    world["batch"], world["risk_run"] = batch, run
    world["rating"] = InstitutionRating.objects.create(
        institution=world["institution_a"], year=2024, trainees=1, completion_rate=Decimal("0.9"),
        pass_rate=Decimal("0.8"), satisfaction=Decimal("0.9"), survey_response_rate=Decimal("0.5"),
        inspection_score=Decimal("90"), score=Decimal("80"), grade="A", is_published=True,
        components=_RATING_COMPONENTS)


def _demand(world: dict) -> None:
    campaign = demand.campaign(year=2024)
    own = demand.enterprise(name="上海测试托育服务有限公司", district="310115", industry="INFANT")
    other = demand.enterprise(name="上海测试集成电路有限公司", district="310101", industry="IC")
    world["users"]["enterprise"] = demand.enterprise_user(own, "matrix-enterprise")
    for key, profile in (("a", own), ("b", other)):
        report = demand.report(campaign=campaign, profile=profile)
        world[f"demand_report_{key}"] = report
        world[f"demand_line_{key}"] = demand.line(report, "6-25-02-05")
    world["campaign"] = campaign


def _catalogues(world: dict) -> None:
    lathe = Occupation.objects.get(code="6-18-01-01")
    for key, state in (("a", "published"), ("b", "draft")):
        version = CatalogueVersion.objects.create(kind="urgent", year=2024, number=1 if key == "a" else 2,
                                                  title=f"测试目录{key}", state=state,
                                                  published_at=_shanghai(date(2024, 1, 5)) if key == "a" else None)
        world[f"version_{key}"] = version
        world[f"entry_{key}"] = CatalogueEntry.objects.create(version=version, occupation=lathe, key=f"lathe-{key}")


def _workplan(world: dict, plan) -> None:
    task = Task.objects.get(plan=plan, number=14)  # 各区政府: every district owes it
    for key, name in (("a", "浦东新区人民政府"), ("b", "黄浦区人民政府")):
        report = MonthlyReport.objects.create(task=task, organisation=Organisation.objects.get(name=name),
                                              period=date(plan.year, 3, 1), narrative="测试",
                                              created_by=world["users"]["office"])
        world[f"wp_report_{key}"] = report
        world[f"attachment_{key}"] = ReportAttachment.objects.create(
            report=report, file=ContentFile(b"x", name="a.txt"), original_name="a.txt", size=1,
            uploaded_by=world["users"]["office"])
    world["indicator"] = Indicator.objects.filter(task__plan=plan).order_by("pk").first()
    world["plan"] = plan


def world_build(plan) -> dict:
    """Every login and record the matrix needs."""
    evaluator = Organisation.objects.create(name="上海测试职业技能评价中心", kind="evaluation_institution")
    users = {
        "office": _login("m-office", Organisation.objects.get(name="市人力资源社会保障局高技能人才工作专班办公室")),
        "leader": _login("m-leader", Organisation.objects.get(name="市高技能人才队伍建设工作领导小组")),
        "department": _login("m-jiaowei", Organisation.objects.get(name="市教委")),
        "district": _login("m-pudong", Organisation.objects.get(name="浦东新区人民政府")),
        "evaluator": _login("m-evaluator", evaluator),
        "anonymous": None,
    }
    world = {"users": users, "forecast_run": ForecastRun.objects.create(created_by=users["office"])}
    _training(world)
    _subsidies_and_risk(world)
    _demand(world)
    _catalogues(world)
    _workplan(world, plan)
    world["district_b"] = District.objects.get(code="310101")
    for module in app_matrices():
        if hasattr(module, "world_add"):
            module.world_add(world)
    return world


# Roles for which the "outside" value of a parameter is not outside their scope: a city department follows every
# district on the desk (a district government sees its own district only).
SEEN_WIDER = {("workplan", "code"): {"department"}}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


# (app or API resource, path parameter) -> (value in the roles' scope, value outside it or None when public)
PARAMETERS = {
    ("workplan", "number"): _public(14),
    ("workplan", "organisation_id"): _public(lambda w: Organisation.objects.get(name="市教委").pk),
    ("workplan", "code"): lambda w: ("310115", "310101"),
    ("workplan", "report_id"): _pair("wp_report"),
    ("workplan", "attachment_id"): _pair("attachment"),
    ("workplan", "indicator_id"): _public(lambda w: w["indicator"].pk),
    ("occupations", "code"): _public("6-18-01-01"),
    ("occupations", "version_id"): _pair("version"),
    ("occupations", "entry_id"): _pair("entry"),
    ("demand", "report_id"): _pair("demand_report"),
    ("demand", "line_id"): _pair("demand_line"),
    ("forecasting", "run_id"): _public(lambda w: w["forecast_run"].pk),
    ("forecasting", "key"): _public("6-25-02-05"),
    ("training", "institution_id"): _pair("institution"),
    ("training", "class_id"): _pair("class"),
    ("training", "enrolment_id"): _pair("enrolment"),
    ("training", "import_id"): _pair("import"),
    ("subsidies", "claim_id"): _pair("claim"),
    ("subsidies", "batch_id"): _public(lambda w: w["batch"].pk),
    ("subsidies", "payment_id"): _pair("payment"),
    ("integrity", "finding_id"): _pair("finding"),
    ("integrity", "person_id"): _pair("person"),
    ("integrity", "run_id"): _public(lambda w: w["risk_run"].pk),
    ("integrity", "year"): _public(2024),
    ("integrity", "rating_id"): _public(lambda w: w["rating"].pk),
    # the API, by resource
    ("organisation", "pk"): _public(lambda w: Organisation.objects.get(name="市教委").pk),
    ("occupation", "code"): _public("6-18-01-01"),
    ("industry", "code"): _public("INFANT"),
    ("catalogue", "pk"): _pair("version"),
    ("catalogue-entry", "pk"): _pair("entry"),
    ("demand-campaign", "pk"): _public(lambda w: w["campaign"].pk),
    ("demand-report", "pk"): _pair("demand_report"),
    ("demand-line", "pk"): _pair("demand_line"),
    ("plan", "year"): _public(lambda w: w["plan"].year),
    ("task", "number"): _public(14),
    ("indicator", "pk"): _public(lambda w: w["indicator"].pk),
    ("report", "pk"): _pair("wp_report"),
    ("training-institution", "pk"): _pair("institution"),
    ("training-class", "pk"): _pair("class"),
    ("training-enrolment", "pk"): _pair("enrolment"),
    ("training-import", "pk"): _pair("import"),
    ("subsidy-claim", "pk"): _pair("claim"),
    ("subsidy-batch", "pk"): _public(lambda w: w["batch"].pk),
    ("subsidy-payment", "pk"): _pair("payment"),
    ("integrity-finding", "pk"): _pair("finding"),
    ("integrity-run", "pk"): _public(lambda w: w["risk_run"].pk),
    ("integrity-rating", "pk"): _public(lambda w: w["rating"].pk),
}

for _module in app_matrices():
    PARAMETERS.update(getattr(_module, "PARAMETERS", {}))
