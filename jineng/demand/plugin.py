"""What demand plugs into the platform: demand reports in the nav, the demo enterprises and their logins, API."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import can
from jineng.core.import_jobs import import_job_register
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
    DemoLogin("ent1", "企业：需求填报（已报送）", 50),
    DemoLogin("ent2", "企业：需求填报（被退回）", 51),
    DemoLogin("ent3", "企业：需求填报（已采纳）", 52),
)


def register() -> None:
    import_job_register("demand.DemandUpload", "jineng.demand.services.upload.demand_upload_body")
    register_nav(NavEntry("demand.reports", _("需求填报"), "demand:reports", can("demand.see_reports"), order=50,
                          active_app="demand"))
    register_demo_step(DemoStep(name="demand", run=_demo, order=40, after=("accounts", "occupations"),
                                logins=LOGINS, description="120 家企业的需求填报"))
    register_api(ApiRoutes(app="demand", module="jineng.demand.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.accounts.demo import system_user_get
    from jineng.demand.demo import demand_demo_seed

    return demand_demo_seed(by=system_user_get())
