"""What evaluation plugs into the platform: nav entries, the demo step (bodies, sessions and results over
2023–2024, inspections, planted anomalies) with its logins, API routes."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import can
from jineng.core.modules import (
    ApiRoutes,
    DemoContext,
    DemoLogin,
    DemoStep,
    NavEntry,
    register_api,
    register_demo_step,
    register_nav,
)

LOGINS = (
    DemoLogin("eval1", "评价机构（浦东）：考试批次、成绩导入、整改", 73),
)


def register() -> None:
    register_nav(
        NavEntry("evaluation.bodies", _("技能评价"), "evaluation:bodies", can("evaluation.see"), order=85,
                 active_app="evaluation"),
    )
    register_demo_step(DemoStep(name="evaluation", run=_demo, order=55, after=("accounts", "occupations"),
                                logins=LOGINS, description="各类评价机构、考点、考试批次与成绩、质量督导、异常线索"))
    register_api(ApiRoutes(app="evaluation", module="jineng.evaluation.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.evaluation.demo import evaluation_demo_seed

    return evaluation_demo_seed(year=context.year)
