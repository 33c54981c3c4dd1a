"""What subsidies plugs into the platform: claims and the quote in the nav, the demo claims and payments, API."""

import random

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
        NavEntry("subsidies.claims", _("补贴"), "subsidies:claims", can("subsidies.see_claims"), order=90,
                 active_app="subsidies", inactive_names=("quote",)),
        NavEntry("subsidies.quote", _("补贴测算"), "subsidies:quote", can("subsidies.quote"), order=230, menu=MORE),
    )
    register_demo_step(DemoStep(name="subsidies", run=_demo, order=60, after=("training",),
                                description="补贴申请、审核、拨付批次和拨付结果"))
    register_api(ApiRoutes(app="subsidies", module="jineng.subsidies.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.subsidies.demo import subsidies_demo_seed

    return subsidies_demo_seed(rng=random.Random(2025), year=context.year)
