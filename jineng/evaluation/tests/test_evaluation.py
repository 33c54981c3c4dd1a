from datetime import date
from decimal import Decimal

import pytest

from jineng.core.exceptions import ImportRejected, InvalidState, NotAllowed
from jineng.core.review_queue import FindingStatus
from jineng.evaluation.engine.rules import result_passes, sample_for_reexamination, score_parse
from jineng.evaluation.models import AnomalyFinding, EvaluationResult
from jineng.evaluation.services import results as result_services
from jineng.evaluation.services.bodies import body_transition, site_add
from jineng.evaluation.services.imports import results_import
from jineng.evaluation.services.supervision import anomalies_run, anomaly_review, inspection_record
from jineng.evaluation.tests import factories as f

pytestmark = pytest.mark.django_db


def test_pass_rule_by_level():
    D = Decimal
    assert result_passes(3, theory=D(60), practical=D(75), comprehensive=None)
    assert not result_passes(3, theory=D("59.9"), practical=D(75), comprehensive=None)
    assert not result_passes(4, theory=D(70), practical=D(75), comprehensive=None)  # 技师 needs the review
    assert result_passes(4, theory=D(70), practical=D(75), comprehensive=D(60))
    assert result_passes(None, theory=None, practical=D(61), comprehensive=None)  # special item
    assert not result_passes(None, theory=D(50), practical=D(90), comprehensive=None)
    with pytest.raises(ValueError):
        score_parse("100.5")
    with pytest.raises(ValueError):
        score_parse("80.25")
    assert sample_for_reexamination([5, 3, 9, 1], rate=0.5, seed="x") == sample_for_reexamination(
        [1, 3, 5, 9], rate=0.5, seed="x")


def test_body_workflow_district_screens_office_publishes(pudong_officer, huangpu_officer, city_officer):
    body = f.body(district="310115", status="applied")
    with pytest.raises(NotAllowed):  # another district: 403
        body_transition(by=huangpu_officer, body=body, action="screen")
    with pytest.raises(NotAllowed):  # the office does not screen
        body_transition(by=city_officer, body=body, action="screen")
    body_transition(by=pudong_officer, body=body, action="screen")
    with pytest.raises(InvalidState):  # 409: screened twice
        body_transition(by=pudong_officer, body=body, action="screen")
    body_transition(by=city_officer, body=body, action="review")
    body = body_transition(by=city_officer, body=body, action="publish")
    assert body.status == "published" and body.published_on is not None
    f.scope(body)
    body = body_transition(by=pudong_officer, body=body, action="suspend", comment="督导发现问题")
    assert body.status == "suspended" and body.scopes.get().status == "suspended"


def test_pages_answer_403_404_409(client, pudong_officer, huangpu_officer):
    body = f.body(district="310115", status="published")
    client.force_login(huangpu_officer)
    assert client.get(f"/evaluation/bodies/{body.pk}/").status_code == 404
    client.force_login(pudong_officer)
    assert client.get(f"/evaluation/bodies/{body.pk}/").status_code == 200
    session = f.session(body, level=4, status="held")
    f.result(session, f.person(1)[0], comprehensive="70")
    response = client.post(f"/api/v1/evaluation/sessions/{session.pk}/transition/", {"action": "submit"})
    assert response.status_code == 403  # only the body approves first
    user = f.body_user(body)
    client.force_login(user)
    assert client.post(f"/api/v1/evaluation/sessions/{session.pk}/transition/", {"action": "submit"}).status_code == 200
    assert client.post(f"/api/v1/evaluation/sessions/{session.pk}/transition/",
                       {"action": "submit"}).status_code == 409


def test_results_approve_runs_registered_callbacks(pudong_officer):
    body = f.body(district="310115")
    user = f.body_user(body)
    low, high = f.session(body, level=3), f.session(body, level=5)
    for n, s in enumerate((low, high)):
        f.result(s, f.person(10 + n)[0], comprehensive="75")
    seen = []
    callback = result_services.on_results_approved(lambda ids, by: seen.append(list(ids)))
    try:
        result_services.session_transition(by=user, session=low, action="approve")
        assert low.results.get().status == "approved" and len(seen) == 1
        with pytest.raises(NotAllowed):  # level 1 needs the district: the body may only submit
            result_services.session_transition(by=user, session=high, action="approve")
        result_services.session_transition(by=user, session=high, action="submit")
        assert high.results.get().status == "body_approved" and len(seen) == 1
        result_services.session_transition(by=pudong_officer, session=high, action="district_approve")
        assert high.results.get().status == "approved" and len(seen) == 2
        assert result_services.approved_results().count() == 2
    finally:
        result_services._CALLBACKS.remove(callback)


def _csv(rows: list[str]) -> bytes:
    return ("身份证号,姓名,理论成绩,实操成绩,综合评审成绩\n" + "\n".join(rows) + "\n").encode()


def test_import_is_all_or_nothing_and_idempotent():
    body = f.body()
    user = f.body_user(body)
    session = f.session(body, level=3)
    a, b = f.person(21)[1], f.person(22)[1]
    bad = _csv([f"{a},张三,80,70,", f"{b},李四,80,abc,"])
    with pytest.raises(ImportRejected) as refused:
        results_import(by=user, session=session, content=bad, file_name="r.csv")
    assert refused.value.errors == ["第 3 行“实操成绩”：须为 0–100 的数，最多一位小数"]
    assert not EvaluationResult.objects.filter(session=session).exists()
    good = _csv([f"{a},张三,80,70,", f"{b},李四,80,50,"])
    first = results_import(by=user, session=session, content=good, file_name="r.csv")
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = results_import(by=user, session=session, content=good, file_name="r.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert sorted(session.results.values_list("passed", flat=True)) == [False, True]
    other = f.body_user(f.body(district="310101"))
    with pytest.raises(NotAllowed):
        results_import(by=other, session=session, content=good, file_name="r.csv")


def test_anomaly_rules_find_planted_patterns(city_officer):
    body = f.body()
    crowded = f.session(body, level=3, site_=f.site(body, capacity=3, name="小考点"))
    people = [f.person(100 + n)[0] for n in range(6)]
    for p in people:
        f.result(crowded, p, theory="88", practical="90")  # identical scores, over capacity
    other = f.body(district="310101")
    elsewhere = f.session(other, level=3, exam_date=crowded.exam_date, period="day")
    f.result(elsewhere, people[0], theory="70", practical="75")  # two sites at once
    counts = anomalies_run(by=city_officer)
    assert counts["identical_scores"] == 1 and counts["over_capacity"] == 1 and counts["two_sites"] == 1
    finding = AnomalyFinding.objects.get(rule="two_sites")
    assert finding.person_id == people[0].pk
    anomaly_review(by=city_officer, finding=finding, outcome=FindingStatus.CONFIRMED, note="已核实")
    anomalies_run(by=city_officer)  # a reviewed pattern keeps its review
    assert AnomalyFinding.objects.get(rule="two_sites").status == FindingStatus.CONFIRMED


def test_serious_inspection_suspends_scope_and_sites_inside_district(city_officer):
    from jineng.evaluation.models import Inspection

    body = f.body()
    f.scope(body)
    inspection = Inspection.objects.create(body=body, year=2024, level="city", mode="remote",
                                           team=city_officer.organisation, planned_on=date(2024, 5, 1))
    inspection_record(by=city_officer, inspection=inspection, score=40, outcome="serious",
                      findings=[("serious", "代考", None)])
    assert body.scopes.get().status == "suspended"
    user = f.body_user(body)
    from jineng.core.exceptions import DomainError
    with pytest.raises(DomainError):
        site_add(by=user, body=body, name="外区考点", address="黄浦", lon="121.49", lat="31.23", capacity=10)


# The targets of the 2024 plan as the plan parser reads them (label, unit): ``plan_import`` binds each indicator
# to ``metric_for_target(label=…, unit=…)``; workplan's own tests import the plan itself.
PLAN_TARGETS = {
    ("新增社会化评价项目", "个"): "evaluation.new_social_items",
    ("新增用人单位评价机构", "家"): "evaluation.new_employer_bodies",
    ("专项职业能力考核项目", "个"): "evaluation.special_items_by_employers",
    ("院校备案成为用人单位技能评价机构", "家"): "evaluation.colleges_filed",
}


def test_plan_targets_bind_the_evaluation_metrics():
    from jineng.core.metrics import metric_for_target

    assert {key: metric_for_target(label=key[0], unit=key[1]) for key in PLAN_TARGETS} == PLAN_TARGETS
