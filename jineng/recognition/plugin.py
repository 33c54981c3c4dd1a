"""What item 26 plugs into the platform: its pages in the "more" menu, demo records, API routes."""

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


def register() -> None:
    register_nav(
        NavEntry("recognition.appointments", _("特级技师、首席技师"), "recognition:appointments", can("recognition.see"),
                 order=245, menu=MORE, active_names=("appointments",), active_app="recognition"),
        NavEntry("recognition.overseas", _("境外证书认可"), "recognition:overseas", can("recognition.see"),
                 order=246, menu=MORE, active_app="recognition", inactive_names=("appointments",)),
    )
    register_demo_step(DemoStep(name="recognition", run=_demo, order=95, after=("demand",),
                                description="企业聘任的特级技师、首席技师；境外证书认可"))
    register_api(ApiRoutes(app="recognition", module="jineng.recognition.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.recognition.demo import recognition_demo_seed

    return recognition_demo_seed(year=context.year)
