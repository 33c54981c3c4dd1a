"""What training plugs into the platform: institutions, classes and apprentices in the nav, the demo
institutions with their logins, API routes."""

import random

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
    DemoLogin("inst1", "培训机构（黄浦）：培训班、导入、补贴申请", 60),
    DemoLogin("inst2", "培训机构（徐汇）：培训班、导入、补贴申请", 61),
    DemoLogin("inst3", "培训机构（长宁）：培训班、导入、补贴申请", 62),
)


def _sees_institutions(user) -> bool:
    """Those who see other institutions' records; an institution sees its own classes instead."""
    return can("training.see")(user) and not can("training.see_own")(user)


def register() -> None:
    import_job_register("training.TrainingImport", "jineng.training.services.imports.training_import_body")
    register_nav(
        NavEntry("training.institutions", _("培训机构"), "training:institutions", _sees_institutions, order=70,
                 active_app="training", inactive_names=("apprentices",)),
        NavEntry("training.classes", _("培训班"), "training:classes", can("training.see_own"), order=71,
                 active_app="training"),
        NavEntry("training.apprentices", _("新型学徒"), "training:apprentices", can("training.see_apprentices"), order=80,
                 active_app="training", active_names=("apprentices",)),
    )
    register_demo_step(DemoStep(name="training", run=_demo, order=50, after=("accounts",), logins=LOGINS,
                                description="48 家培训机构、培训班、学员、打卡和结业"))
    register_api(ApiRoutes(app="training", module="jineng.training.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.training.demo import training_demo_seed

    return training_demo_seed(rng=random.Random(2024), year=context.year)
