from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from jineng.certificates.models import Certificate
from jineng.competitions.models import Mark, MarkChange, Result
from jineng.competitions.services import marking, plans, registrations, results
from jineng.competitions.services.certificates import certificates_issue_for_event
from jineng.competitions.tests import factories as f
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.evaluation.tests import factories as ef

pytestmark = pytest.mark.django_db

OPEN = date(2024, 5, 20)  # inside the factory event's window (10 May – 5 June)


def test_event_venue_must_lie_inside_its_district(pudong_officer):
    with pytest.raises(DomainError):
        f.event(by=pudong_officer, district="310115", lon="121.10", lat="31.00")  # 青浦, not 浦东


def test_district_may_not_plan_another_districts_event(huangpu_officer):
    with pytest.raises(NotAllowed):
        f.event(by=huangpu_officer, district="310115")


def test_plan_versions_and_their_diff(city_officer, pudong_officer):
    a, b, c = (f.event(by=pudong_officer) for _ in range(3))
    first = plans.plan_publish(by=city_officer, plan=a.plan, note="首版")
    assert {e.code for e in plans.version_diff(first).added} == {a.code, b.code, c.code}
    with pytest.raises(DomainError):
        plans.plan_publish(by=city_officer, plan=a.plan)
    plans.event_move(by=pudong_officer, event=b, start_date=date(2024, 7, 1), end_date=date(2024, 7, 2),
                     registration_opens=date(2024, 6, 1), registration_closes=date(2024, 6, 20))
    plans.event_cancel(by=pudong_officer, event=c, reason="场地检修")
    d = f.event(by=pudong_officer)
    second = plans.plan_publish(by=city_officer, plan=a.plan, note="第二版")
    diff = plans.version_diff(second)
    assert [e.code for e in diff.added] == [d.code]
    assert [(m.after.code, m.what) for m in diff.moved] == [(b.code, ("dates",))]
    assert [e.code for e in diff.cancelled] == [c.code]
    with pytest.raises(NotAllowed):
        plans.plan_publish(by=pudong_officer, plan=a.plan)


def test_registration_window_is_enforced_with_409(pudong_officer):
    event = f.event(by=pudong_officer)
    person, _number = f.person(1)
    for day in (date(2024, 5, 10) - timedelta(days=1), date(2024, 6, 5) + timedelta(days=1)):
        with pytest.raises(InvalidState) as refused:
            registrations.registration_create(event=event, person=person, today=day)
        assert refused.value.status_code == 409
    registrations.registration_create(event=event, person=person, today=date(2024, 6, 5))
    with pytest.raises(InvalidState):
        registrations.registration_create(event=event, person=person, today=OPEN)


def test_eligibility_age_level_held_and_one_per_window(pudong_officer):
    body = ef.body(district="310115")
    event = f.event(by=pudong_officer, max_age=35, one_per_window=True, body=body)
    young, _n = f.person(2, birth_year=2010)
    old, _n = f.person(3, birth_year=1970)
    with pytest.raises(DomainError, match="最低年龄"):
        registrations.registration_create(event=event, person=young, today=OPEN)
    with pytest.raises(DomainError, match="最高年龄"):
        registrations.registration_create(event=event, person=old, today=OPEN)
    holder, _n = f.person(4, birth_year=1995)
    Certificate.objects.create(number="S000000031000002400001", holder=holder, holder_name=holder.name,
                               occupation=event.occupation, level=3, body=body, issued_on=date(2023, 1, 1),
                               status_index=900001)
    with pytest.raises(DomainError, match="已持有"):
        registrations.registration_create(event=event, person=holder, today=OPEN)
    worker, _n = f.person(5, birth_year=1995)
    registrations.registration_create(event=event, person=worker, today=OPEN)
    other = f.event(by=pudong_officer, one_per_window=True)
    with pytest.raises(DomainError, match="只能报名一项"):
        registrations.registration_create(event=other, person=worker, today=OPEN)
    free = f.event(by=pudong_officer)
    registrations.registration_create(event=free, person=worker, today=OPEN)


def test_capacity_is_enforced(pudong_officer):
    event = f.event(by=pudong_officer, capacity=1)
    registrations.registration_create(event=event, person=f.person(6)[0], today=OPEN)
    with pytest.raises(InvalidState, match="名额已满"):
        registrations.registration_create(event=event, person=f.person(7)[0], today=OPEN)


def test_employer_registers_its_employees_and_individuals_register_themselves(pudong_officer):
    event = f.event(by=pudong_officer)
    hr = f.enterprise_user()
    _p, number = f.person(8)
    registration = registrations.registration_by_employer(by=hr, event=event, resident_id=number, name="张三",
                                                          today=OPEN)
    assert registration.employer == hr.organisation
    _p, number = f.person(9)
    assert registrations.registration_by_individual(event=event, resident_id=number, name="李四",
                                                    today=OPEN).employer is None
    with pytest.raises(NotAllowed):
        registrations.registration_by_employer(by=pudong_officer, event=event, resident_id=number, name="李四",
                                               today=OPEN)


def _marked_event(pudong_officer, *, people=4, body=None, tier="monthly"):
    """An event with ``people`` contestants (the first employed by 企业甲) and a judge from 企业乙."""
    event = f.event(by=pudong_officer, body=body, tier=tier)
    employer = f.enterprise_user("企业甲")
    judge = f.judge_user("企业乙")
    marking.judge_assign(by=pudong_officer, event=event, user=judge)
    regs = []
    for i in range(people):
        person, _n = f.person(100 + i)
        regs.append(registrations.registration_create(event=event, person=person, today=OPEN,
                                                      employer=employer.organisation if i == 0 else None))
    a, b = event.aspects.order_by("code")
    for i, registration in enumerate(regs):
        # totals 100, 93, 86, 69, 62, 55, 28, 21, 14, 7
        marking.mark_enter(by=judge, registration=registration, aspect=a, value=D(70 - 7 * i))
        marking.mark_enter(by=judge, registration=registration, aspect=b, scores=[max(0, 3 - i // 3)] * 3)
    return event, regs, judge, employer


def test_judge_conflict_rule_and_judgement_spread(pudong_officer):
    event = f.event(by=pudong_officer)
    own = f.judge_user("企业甲")
    marking.judge_assign(by=pudong_officer, event=event, user=own)
    registration = registrations.registration_create(event=event, person=f.person(20)[0], today=OPEN,
                                                     employer=own.organisation)
    a, b = event.aspects.order_by("code")
    with pytest.raises(NotAllowed, match="本单位"):
        marking.mark_enter(by=own, registration=registration, aspect=a, value=D(50))
    other = f.judge_user("企业乙")
    with pytest.raises(NotAllowed):  # not yet a judge of this event
        marking.mark_enter(by=other, registration=registration, aspect=a, value=D(50))
    marking.judge_assign(by=pudong_officer, event=event, user=other)
    with pytest.raises(DomainError, match="相差超过 1 分"):
        marking.mark_enter(by=other, registration=registration, aspect=b, scores=[1, 3, 2])
    with pytest.raises(DomainError, match="0 至 70"):
        marking.mark_enter(by=other, registration=registration, aspect=a, value=D(71))
    assert marking.mark_enter(by=other, registration=registration, aspect=b, scores=[2, 3, 3]).value == D("26.67")


def test_sign_off_locks_marks_and_a_change_needs_a_second_person(pudong_officer, city_officer):
    event, regs, judge, _employer = _marked_event(pudong_officer)
    marking.event_sign_off(by=pudong_officer, event=event)
    a = event.aspects.get(code="A")
    with pytest.raises(InvalidState):
        marking.mark_enter(by=judge, registration=regs[3], aspect=a, value=D(70))
    mark = Mark.objects.get(registration=regs[3], aspect=a)
    change = marking.mark_change_request(by=pudong_officer, mark=mark, value=D(69), reason="复核计时记录")
    with pytest.raises(NotAllowed):
        marking.mark_change_decide(by=pudong_officer, change=change, approve=True)
    marking.mark_change_decide(by=city_officer, change=change, approve=True, comment="同意")
    mark.refresh_from_db()
    assert mark.value == D(69)
    assert MarkChange.objects.get().decided_by == city_officer
    assert mark.history.first().history_change_reason == "改分（经复核批准）"
    result = Result.objects.get(registration=regs[3])
    assert (result.raw, result.rank) == (D(89), 3)


def test_results_publicity_objections_and_certificates(pudong_officer):
    body = ef.body(district="310115")
    event, regs, _judge, _employer = _marked_event(pudong_officer, people=10, body=body)
    marking.event_sign_off(by=pudong_officer, event=event)
    rows = {r.registration_id: r for r in Result.objects.filter(event=event)}
    top = rows[regs[0].pk]
    assert (top.rank, top.outcome, top.level_granted) == (1, "promotion", 4)  # top 10 % of ten: rank 1
    assert rows[regs[9].pk].outcome == "none"
    results.results_publish(by=pudong_officer, event=event, today=date(2024, 6, 12))
    objection = results.objection_raise(event=event, result=rows[regs[1].pk], text="成绩有误",
                                        today=date(2024, 6, 17))
    with pytest.raises(InvalidState):
        results.objection_raise(event=event, text="迟到的异议", today=date(2024, 6, 18))
    with pytest.raises(InvalidState, match="期满"):
        results.event_finalise(by=pudong_officer, event=event, today=date(2024, 6, 17))
    with pytest.raises(InvalidState, match="未处理"):
        results.event_finalise(by=pudong_officer, event=event, today=date(2024, 6, 18))
    results.objection_answer(by=pudong_officer, objection=objection, upheld=True, answer="核查属实")
    issued = results.event_finalise(by=pudong_officer, event=event, today=date(2024, 6, 18))
    earned = Result.objects.filter(event=event, outcome__in=("certificate", "promotion"))
    assert len(issued) == earned.count() - 1  # the upheld objection withholds one
    top.refresh_from_db()
    assert top.certificate.level == 4 and top.certificate.holder_id == regs[0].person_id
    assert top.certificate.number.startswith("S")
    assert not certificates_issue_for_event(event, issued_on=date(2024, 6, 19)).exists()


def test_the_metrics_count_items_contestants_and_certificates(pudong_officer, city_officer):
    from jineng.competitions import metrics

    event, _regs, _judge, _employer = _marked_event(pudong_officer, people=3, body=ef.body(district="310115"))
    version = plans.plan_publish(by=city_officer, plan=event.plan)
    version.published_at = version.published_at.replace(year=2024, month=3)
    version.save(update_fields=["published_at"])
    marking.event_sign_off(by=pudong_officer, event=event)
    results.results_publish(by=pudong_officer, event=event, today=date(2024, 6, 12))
    results.event_finalise(by=pudong_officer, event=event, today=date(2024, 6, 30))
    assert metrics.contestants(2024, 12).by_district == {"310115": D(3)}
    assert metrics.certificates(2024, 12).city == Result.objects.filter(certificate__isnull=False).count()
    assert metrics.items(2024, 12).by_district == {"310115": D(1)}
    assert metrics.items(2024, 2).city == 0


def test_plan_target_binds_the_competition_items_metric():
    from jineng.core.metrics import metric_for_target

    assert metric_for_target(label="竞赛项目", unit="个") == "competitions.items"


def test_importing_the_2024_plan_binds_item_29_to_the_competition_items(plan):
    from django.apps import apps

    indicator = apps.get_model("workplan", "Indicator").objects.get(task__plan=plan, task__number=29)
    assert indicator.metric_key == "competitions.items"
