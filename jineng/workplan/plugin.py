"""What the work plan plugs into the platform: the desk's pages in the nav, the demo year, its API routes."""

from django.utils.translation import gettext_lazy as _

from jineng.accounts.permissions import MANAGE_PLAN, USE_DESK
from jineng.core.capabilities import can
from jineng.core.modules import (
    MORE,
    ApiRoutes,
    DemoContext,
    DemoStep,
    NavEntry,
    register_api,
    register_demo_step,
    register_nav,
)


def register() -> None:
    register_nav(
        NavEntry("workplan.desk", _("督办台"), "workplan:desk", can(USE_DESK), order=10),
        NavEntry("workplan.scorecard", _("区考核"), "workplan:scorecard", can(USE_DESK), order=20),
        NavEntry("workplan.timeliness", _("报送情况"), "workplan:timeliness", can(USE_DESK), order=30, menu=MORE),
        NavEntry("workplan.reports", _("月度报告"), "workplan:reports", can(USE_DESK), order=40),
        NavEntry("workplan.plan_import", _("导入计划"), "workplan:plan_import", can(MANAGE_PLAN), order=200, menu=MORE),
        NavEntry("workplan.targets", _("分解目标"), "workplan:targets_upload", can(MANAGE_PLAN), order=210, menu=MORE),
    )
    register_demo_step(DemoStep(name="workplan", run=_demo, order=20, after=("accounts",),
                                description="2024 年工作要点、分区目标和 1–10 月月度报告"))
    # The reported figures follow what the modules' demo records compute, so they come after all those records.
    register_demo_step(DemoStep(name="workplan_figures", run=_figures, order=85, after=("workplan",), closing=True,
                                description="按各模块演示记录填报的指标值"))
    register_api(ApiRoutes(app="workplan", module="jineng.workplan.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.workplan.demo import demo_metrics_bound, demo_seed

    result = demo_seed(reset=context.reset)
    summary: dict[str, object] = {}
    if not result.reports_created:
        summary["月度报告"] = "已存在，未重复生成（需要重建请加 --reset）"
    summary.update(result.counts)
    summary["绑定系统指标"] = demo_metrics_bound()
    return summary


def _figures(context: DemoContext) -> dict[str, object]:
    from jineng.workplan.demo import YEAR, demo_figures_from_records
    from jineng.workplan.models import Plan

    return {"按业务数据填报的指标值": demo_figures_from_records(plan=Plan.objects.get(year=YEAR))}
