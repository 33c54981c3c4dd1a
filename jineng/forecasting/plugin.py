"""What forecasting plugs into the platform: its runs in the nav and a finished demo run over the demo's demand."""

from django.utils.translation import gettext_lazy as _

from jineng.accounts.permissions import USE_DESK
from jineng.core.capabilities import can
from jineng.core.modules import MORE, DemoContext, DemoStep, NavEntry, register_demo_step, register_nav


def register() -> None:
    register_nav(NavEntry("forecasting.runs", _("需求预测"), "forecasting:runs", can(USE_DESK), order=60, menu=MORE,
                          active_app="forecasting"))
    register_demo_step(DemoStep(name="forecasting", run=_demo, order=90, after=("demand",),
                                description="一次需求预测运行"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.forecasting.demo import forecast_demo_run

    run = forecast_demo_run()
    return {"需求预测": f"运行 #{run.pk}，{run.series_done} 个序列"}
