"""What integrity plugs into the platform: risk findings and ratings in the nav, the demo risk pass, API."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import can
from jineng.core.modules import (
    ApiRoutes,
    DemoContext,
    DemoStep,
    NavEntry,
    register_api,
    register_demo_step,
    register_nav,
    signed_in,
)

LABELS = {
    "run": "风险核查运行", "counts": "各规则风险线索", "confirmed": "已查实线索", "dismissed": "已排除线索",
    "ratings": "机构质量诚信等级", "published": "已公布等级",
}


def register() -> None:
    register_nav(
        NavEntry("integrity.findings", _("风险核查"), "integrity:findings", can("integrity.supervise"), order=100,
                 active_app="integrity", inactive_names=("ratings", "rating")),
        NavEntry("integrity.ratings", _("机构评级"), "integrity:ratings", signed_in, order=110,
                 active_app="integrity", active_names=("ratings", "rating")),
    )
    register_demo_step(DemoStep(name="integrity", run=_demo, order=70, after=("subsidies",),
                                description="风险核查运行、线索复核和机构评级"))
    register_api(ApiRoutes(app="integrity", module="jineng.integrity.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.integrity.demo import integrity_demo_run

    return {LABELS.get(key, key): value for key, value in integrity_demo_run(year=context.year).items()}
