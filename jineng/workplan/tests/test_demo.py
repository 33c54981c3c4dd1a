"""The demo year and the plan commands: seeding repeats cleanly, the logins work, the desk tells the story."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum
from django.test import RequestFactory

from jineng.accounts.demo import ACCOUNTS
from jineng.accounts.models import User
from jineng.workplan.choices import ReportState
from jineng.workplan.demo import PLAN_FILE, demo_counts, split_by_weight
from jineng.workplan.models import DistrictTarget, Indicator, MonthlyReport, Plan
from jineng.workplan.selectors.desk import desk_build

pytestmark = pytest.mark.django_db


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def plan(settings) -> Plan:
    """The plan's own demo: the accounts, the 2024 plan with its reports, and the desk's figures. The whole
    platform's demo is seeded once, in the test of the story below; every module's demo has its own test."""
    # The demo hashes a dozen passwords; Argon2 would make every test that seeds slow for nothing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seed_demo("--only", "workplan")
    return Plan.objects.get(year=2024)


def test_seed_demo_runs_again_and_after_reset_without_changing_any_count(plan: Plan) -> None:
    first = demo_counts(plan=plan)

    output = seed_demo("--only", "workplan")
    again = demo_counts(plan=plan)
    seed_demo("--reset", "--only", "workplan")
    rebuilt = demo_counts(plan=plan)

    assert "未重复生成" in output
    assert again == first
    assert rebuilt == first
    assert first["任务"] == 46 and first["已建月度报告"] > 1500


def test_seed_demo_builds_every_module_and_binds_the_training_indicators(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    output = seed_demo()

    for label in ("培训机构：48", "补贴申请（已拨付）", "机构质量诚信等级：48", "需求预测", "绑定系统指标：14"):
        assert label in output, label
    _assert_the_banner_lists_every_readme_login()
    bound = dict(Indicator.objects.filter(task__plan__year=2024).exclude(metric_key="")
                 .values_list("metric_key", "task__number"))
    assert bound["training.subsidised_person_times"] == 2 and bound["training.apprentices"] == 16
    _assert_the_story_is_dated_in_2024()
    _assert_flags_only_where_planted_and_the_panel_shows_payments_and_findings()
    plan = Plan.objects.get(year=2024)
    office = User.objects.get(username="office")
    _assert_desk_at_october_shows_tasks_red_amber_and_green(plan, office)
    _assert_district_splits_add_up_to_the_city_target_and_values_roughly_too(plan, office)


def _assert_the_story_is_dated_in_2024() -> None:
    from jineng.integrity.models import RiskRun
    from jineng.subsidies.models import Claim, Payment, PaymentBatch
    from jineng.training.models import Enrolment

    enrolments = Enrolment.objects.filter(training_class__institution__is_synthetic=True)
    for field in ("enrolled_date", "certificate_date", "completed_date"):
        assert not enrolments.filter(**{f"{field}__year__lt": 2024}).exists(), field
        assert not enrolments.filter(**{f"{field}__gt": "2024-11-15"}).exists(), field
    on_time = Claim.objects.exclude(status="check_failed")  # 12 are refused for coming 13 months late
    assert not on_time.filter(submitted_at__year__gt=2024).exists()
    assert not Claim.objects.filter(decided_at__year__gt=2024).exists()
    paid = Payment.objects.filter(status="paid")
    assert paid.count() > 200 and not paid.exclude(paid_at__year=2024, paid_at__month__lte=10).exists()
    assert not PaymentBatch.objects.exclude(created_at__year=2024).exists()
    assert not RiskRun.objects.exclude(created_at__year=2024).exists()


def _assert_flags_only_where_planted_and_the_panel_shows_payments_and_findings() -> None:
    from jineng.workplan.demo import PLANTED_DISCREPANCIES
    from jineng.workplan.selectors.desk import platform_metrics

    office, plan = User.objects.get(username="office"), Plan.objects.get(year=2024)
    desk = desk_build(viewer=office, plan=plan, month=10)

    rows = [i for row in desk.rows for i in row.indicators]
    assert {i.indicator.code for i in rows if i.discrepancy} == set(PLANTED_DISCREPANCIES)
    subsidised = next(i for i in rows if i.indicator.code == "2-1")
    assert subsidised.actual == subsidised.computed > 1000
    panel = {m.key: m.value for m in platform_metrics(plan=plan, month=10)}
    assert panel["subsidies.amount_paid"] > 100000 and panel["subsidies.claims_paid"] > 200
    assert panel["integrity.open_findings"] + panel["integrity.confirmed_findings"] > 0


def test_demo_users_can_log_in_with_the_demo_password(plan: Plan, client) -> None:
    request = RequestFactory().post("/accounts/login/")  # django-axes wants the request it guards

    logged_in = {
        username: client.login(request=request, username=username, password=settings.JINENG_DEMO_PASSWORD)
        for username in (account.username for account in ACCOUNTS)
    }

    assert all(logged_in.values()), logged_in
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="system").has_usable_password()


def test_demo_reports_include_late_missing_returned_and_pending_ones(plan: Plan) -> None:
    counts = demo_counts(plan=plan)

    assert counts["逾期报送"] > 50
    assert 0 < counts["未报送"] < 60
    assert counts["曾被退回"] >= 5
    assert 2 <= counts["已退回"] <= 3 and 1 <= counts["草稿"] <= 2 and counts["待审核"] > 0
    returned = MonthlyReport.objects.filter(task__plan=plan, state=ReportState.RETURNED)
    assert all(report.review_comment for report in returned)


def _assert_desk_at_october_shows_tasks_red_amber_and_green(plan: Plan, office: User) -> None:
    desk = desk_build(viewer=office, plan=plan, month=10)

    rag = {row.task.number: row.rag for row in desk.rows}
    assert {rag[2], rag[16]} == {"red"}  # 2: the register's high-skill certificates lag the 45,000 pace
    assert "amber" in rag.values()
    assert {rag[29], rag[31]} == {"green"}  # 29 and 31 as the competition and award records count them
    assert desk.headline["green"] > desk.headline["amber"] + desk.headline["red"]


def _assert_district_splits_add_up_to_the_city_target_and_values_roughly_too(plan: Plan, office: User) -> None:
    indicator = Indicator.objects.get(task__plan=plan, task__number=2, ordinal=1)

    split = DistrictTarget.objects.filter(indicator=indicator).aggregate(total=Sum("value"))["total"]
    desk = desk_build(viewer=office, plan=plan, month=10)
    row = next(row for task in desk.rows for row in task.indicators if row.indicator == indicator)

    assert split == Decimal(800000)
    assert abs(row.actual - row.district_sum) / row.actual < Decimal("0.01")


def test_split_by_weight_gives_whole_shares_adding_up_exactly() -> None:
    shares = split_by_weight(10000, {"甲": 3, "乙": 3, "丙": 1})

    assert sum(shares.values()) == 10000
    assert shares["甲"] > shares["丙"]


def test_import_plan_json_lists_46_tasks_and_14_quantity_targets() -> None:
    out = StringIO()

    call_command("import_plan", str(PLAN_FILE), "--json", stdout=out)

    parsed = json.loads(out.getvalue())
    quantities = [t for task in parsed["tasks"] for t in task["targets"] if t["kind"] == "quantity"]
    assert len(parsed["tasks"]) == 46
    assert len(quantities) == 14
    assert Plan.objects.get(year=2024).tasks.count() == 46


def test_import_plan_twice_reports_every_task_unchanged() -> None:
    call_command("import_plan", str(PLAN_FILE), stdout=StringIO())
    out = StringIO()

    call_command("import_plan", str(PLAN_FILE), stdout=out)

    assert "新建 0，更新 0，未变 46" in out.getvalue()


def test_import_plan_rejects_a_malformed_file_naming_the_row(tmp_path: Path) -> None:
    malformed = tmp_path / "plan.txt"
    header = "示例表\n\t序号\n\t项目\n\t内容\n\t牵头部门\n"
    malformed.write_text(
        header + "\n\t1\n\t分类\n\t做好工作。\n\t市教委\n\n\t3\n\t\n\t再做。\n\t市教委\n", encoding="utf-8"
    )

    with pytest.raises(CommandError) as raised:
        call_command("import_plan", str(malformed), "--json", stdout=StringIO())

    assert raised.value.returncode == 1
    assert "第 12 行" in str(raised.value) and "缺少序号 2" in str(raised.value)
    assert not Plan.objects.exists()


def _assert_the_banner_lists_every_readme_login() -> None:
    """The one full seed of the suite also proves the banner: every README login, each with the demo password."""
    from jineng.core.tests.test_modules import _readme_logins

    banner = StringIO()
    call_command("demo_banner", "--url", "http://demo.example/", stdout=banner)
    listed = [line.split()[0] for line in banner.getvalue().splitlines()[2:]]
    assert sorted(listed) == sorted(_readme_logins())
    assert banner.getvalue().count(settings.JINENG_DEMO_PASSWORD) == len(listed)
