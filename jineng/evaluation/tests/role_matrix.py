"""Evaluation's part of the role matrix (see tests/role_matrix_apps.py)."""

from decimal import Decimal

from jineng.core.models import District


def world_add(world: dict) -> None:
    from jineng.evaluation.models import AnomalyFinding, EvaluationBody, Inspection, InspectionFinding
    from jineng.evaluation.tests import factories as f

    evaluator = world["users"]["evaluator"]
    evaluator.organisation.district = District.objects.get(code="310115")
    evaluator.organisation.save()
    own = (EvaluationBody.objects.filter(organisation=evaluator.organisation).first()  # another app's world made it
           or f.body(district="310115", organisation=evaluator.organisation, name=evaluator.organisation.name))
    bodies = {"a": own,
              "b": f.body(district="310101")}
    for key, b in bodies.items():
        s = f.session(b, status="held")
        p, _ = f.person(700 + ord(key))
        f.result(s, p)
        world[f"eval_body_{key}"], world[f"eval_session_{key}"] = b, s
        world[f"eval_result_{key}"] = s.results.first()
        world[f"eval_inspection_{key}"] = Inspection.objects.create(
            body=b, year=2024, level="district", mode="onsite", team=world["users"]["office"].organisation,
            planned_on=s.exam_date)
        world[f"eval_finding_{key}"] = InspectionFinding.objects.create(
            inspection=world[f"eval_inspection_{key}"], severity="minor", description="测试")
        world[f"eval_anomaly_{key}"] = AnomalyFinding.objects.create(
            rule="over_capacity", fingerprint=f"m-{key}", score=Decimal(3), summary="测试", body=b,
            district=b.district, session=s)


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


PARAMETERS = {
    ("evaluation", "body_id"): _pair("eval_body"),
    ("evaluation", "session_id"): _pair("eval_session"),
    ("evaluation", "inspection_id"): _pair("eval_inspection"),
    ("evaluation", "finding_id"): _pair("eval_anomaly"),
    ("evaluation", "inspection_finding_id"): _pair("eval_finding"),
    ("evaluation-body", "pk"): _pair("eval_body"),
    ("evaluation-session", "pk"): _pair("eval_session"),
    ("evaluation-result", "pk"): _pair("eval_result"),
    ("evaluation-inspection", "pk"): _pair("eval_inspection"),
    ("evaluation-anomaly", "pk"): _pair("eval_anomaly"),
}

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "evaluation-anomaly-detail": "ok ok 403 ok 403 403 403 login",
    "evaluation-anomaly-list": "ok ok 403 ok 403 403 403 login",
    "evaluation-body-detail": "ok ok 403 ok 403 403 ok login",
    "evaluation-body-list": "ok ok 403 ok 403 403 ok login",
    "evaluation-inspection-detail": "ok ok 403 ok 403 403 ok login",
    "evaluation-inspection-list": "ok ok 403 ok 403 403 ok login",
    "evaluation-result-detail": "ok ok 403 ok 403 403 ok login",
    "evaluation-result-list": "ok ok 403 ok 403 403 ok login",
    "evaluation-session-detail": "ok ok 403 ok 403 403 ok login",
    "evaluation-session-list": "ok ok 403 ok 403 403 ok login",
    "evaluation-session-results": "ok ok 403 ok 403 403 ok login",
    "evaluation-session-transition": "ok ok 403 ok 403 403 ok login",
    "evaluation:anomalies": "ok ok 403 ok 403 403 403 login",
    "evaluation:anomalies_run": "ok 403 403 403 403 403 403 login",
    "evaluation:anomaly": "ok ok 403 ok 403 403 403 login",
    "evaluation:anomaly_review": "ok ok 403 ok 403 403 403 login",
    "evaluation:apply": "ok 403 403 403 403 403 ok login",
    "evaluation:bodies": "ok ok 403 ok 403 403 ok login",
    "evaluation:body": "ok ok 403 ok 403 403 ok login",
    "evaluation:body_action": "ok ok 403 ok 403 403 ok login",
    "evaluation:coverage": "ok ok ok 403 403 403 403 login",
    "evaluation:inspection": "ok ok 403 ok 403 403 ok login",
    "evaluation:inspection_record": "ok 403 403 ok 403 403 403 login",
    "evaluation:rectification_report": "403 403 403 403 403 403 ok login",
    "evaluation:rectification_verify": "ok 403 403 ok 403 403 403 login",
    "evaluation:scope_add": "ok 403 403 403 403 403 ok login",
    "evaluation:session_plan": "403 403 403 403 403 403 ok login",
    "evaluation:inspections": "ok ok 403 ok 403 403 ok login",
    "evaluation:public": "ok ok ok ok ok ok ok ok",
    "evaluation:results": "ok ok 403 ok 403 403 ok login",
    "evaluation:session": "ok ok 403 ok 403 403 ok login",
    "evaluation:session_action": "ok ok 403 ok 403 403 ok login",
    "evaluation:session_sample": "ok 403 403 ok 403 403 403 login",
    "evaluation:session_upload": "ok ok 403 ok 403 403 ok login",
    "evaluation:sessions": "ok ok 403 ok 403 403 ok login",
    "evaluation:site_add": "403 403 403 403 403 403 ok login",
    "evaluation:staff_add": "403 403 403 403 403 403 ok login",
    "evaluation:template": "ok ok 403 ok 403 403 ok login",
}
