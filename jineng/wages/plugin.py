"""What wages plugs into the platform: the wage pages in the nav, the demo survey, SOE reports and district
figures, the API."""

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
    signed_in,
)


def register() -> None:
    register_nav(
        NavEntry("wages.levels", _("工资价位"), "wages:levels", signed_in, order=239, menu=MORE,
                 active_names=("levels", "occupation", "versions", "version")),
        NavEntry("wages.uploads", _("工资调查填报"), "wages:uploads", can("wages.see_uploads"), order=240, menu=MORE,
                 active_names=("uploads",)),
        NavEntry("wages.soe", _("国企承诺"), "wages:soe", can("wages.see_soe"), order=241, menu=MORE,
                 active_names=("soe",)),
        NavEntry("wages.my_soe_report", _("国企年度报告"), "wages:my_soe_report", can("wages.report_soe"),
                 order=242, menu=MORE, active_names=("my_soe_report",)),
        NavEntry("wages.workforce", _("各区技能人才"), "wages:workforce", can("wages.see_district_survey"),
                 order=243, menu=MORE, active_names=("workforce",)),
        NavEntry("wages.windows", _("评价服务窗口"), "wages:windows", signed_in, order=244, menu=MORE,
                 active_names=("windows", "window")),
    )
    register_demo_step(DemoStep(
        name="wages", run=_demo, order=85, after=("accounts", "demand"),
        logins=(DemoLogin("soe1", "市属国企：填报工资调查和国企年度报告", 55),),
        description="工资调查（约 300 家企业、15 万名职工）、发布的工资价位、国企集团和年度报告、各区技能人才调查"))
    register_api(ApiRoutes(app="wages", module="jineng.wages.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.wages.demo import wages_demo_seed

    return wages_demo_seed(year=context.year)
