"""What competitions plugs into the platform: nav entries, the demo step (the 2024 monthly plan across the 16
districts, registrations, marks and results, certificates) with its logins, API routes."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import can
from jineng.core.modules import (
    MORE,
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
    DemoLogin("judge1", "裁判（企业技术专家）：为赛项录入得分、申请改分", 76),
    DemoLogin("contest_hr", "企业：为职工报名职业技能竞赛", 77),
)


def _judges(user) -> bool:
    from jineng.competitions.permissions import is_judge

    return is_judge(user) and not can("competitions.see")(user)


def _anyone(_user) -> bool:
    return True


def register() -> None:
    register_nav(
        NavEntry("competitions.events", _("技能竞赛"), "competitions:events", can("competitions.see"), order=87,
                 active_app="competitions"),
        NavEntry("competitions.judging", _("裁判评分"), "competitions:events", _judges, order=88,
                 active_app="competitions"),
        NavEntry("competitions.employer", _("竞赛报名"), "competitions:employer",
                 can("competitions.register_employees"), order=89, menu=MORE, active_app="competitions"),
        NavEntry("competitions.calendar", _("竞赛日历"), "competitions:calendar", _anyone, order=200, menu=MORE),
    )
    register_demo_step(DemoStep(name="competitions", run=_demo, order=58, after=_after(), logins=LOGINS,
                                description="2024 年职业技能月月赛计划（16 个区 300 余项）、报名、评分、成绩公示与发证"))
    register_api(ApiRoutes(app="competitions", module="jineng.competitions.api"))


def _after() -> tuple[str, ...]:
    """After the certificate register when it is installed (competitions issue into it), else evaluation."""
    from jineng.core.modules import demo_steps

    names = {step.name for step in demo_steps()}
    return ("accounts", "occupations", "certificates" if "certificates" in names else "evaluation")


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.competitions.demo import competitions_demo_seed

    return competitions_demo_seed(year=context.year)
