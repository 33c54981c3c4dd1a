"""What service points plug into the platform: nav entries (the public map and circle; the register and the
planner's view for the office and districts), the demo step, the API under ``/api/v1/portal/``."""

from django.utils.translation import gettext_lazy as _

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


def _anyone(_user) -> bool:
    return True


def register() -> None:
    register_nav(
        NavEntry("servicepoints.register", _("服务网点"), "servicepoints:register", can("servicepoints.keep"),
                 order=140, menu=MORE, active_app="servicepoints",
                 inactive_names=("map", "circle", "planner", "planner_export")),
        NavEntry("servicepoints.planner", _("服务圈覆盖"), "servicepoints:planner", can("servicepoints.plan"),
                 order=141, menu=MORE),
        NavEntry("servicepoints.map", _("培训地图"), "servicepoints:map", _anyone, order=201, menu=MORE),
        NavEntry("servicepoints.circle", _("15分钟服务圈"), "servicepoints:circle", _anyone, order=202, menu=MORE),
    )
    register_demo_step(DemoStep(name="servicepoints", run=_demo, order=90, after=("accounts",),
                                description="16 个区的就业服务站（约 500 个）与区评价服务窗口"))
    register_api(ApiRoutes(app="servicepoints", module="jineng.servicepoints.api", prefix="portal"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.servicepoints.demo import servicepoints_demo_seed

    return servicepoints_demo_seed(year=context.year)
