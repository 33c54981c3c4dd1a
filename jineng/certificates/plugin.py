"""What the certificate register plugs into the platform: nav entries, the API routes, the demo step."""

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

LOGINS = (DemoLogin("cert1", "评价机构（浦东）：本机构证书登记、导入、暂停与撤销", 70),)


def _anyone(user) -> bool:
    return True


def register() -> None:
    register_nav(
        NavEntry("certificates.register", _("证书"), "certificates:register", can("certificates.see"), order=85,
                 active_app="certificates", inactive_names=("verify", "link")),
        NavEntry("certificates.verify", _("证书核验"), "certificates:verify", _anyone, order=190, menu=MORE,
                 active_names=("verify",)),
    )
    register_demo_step(DemoStep(name="certificates", run=_demo, order=55, after=_after(), logins=LOGINS,
                                description="约 2 万本职业技能等级证书（2023—2024），部分暂停或撤销"))
    register_api(ApiRoutes(app="certificates", module="jineng.certificates.api"))


def _after() -> tuple[str, ...]:
    from jineng.core.modules import demo_steps

    names = {step.name for step in demo_steps()}
    return ("evaluation",) if "evaluation" in names else ("training",)


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.certificates.demo import certificates_demo_seed

    return certificates_demo_seed(year=context.year)
