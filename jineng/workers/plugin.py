"""What the workers' pages plug into the platform: their nav entry and the demo residents, each with a login on
the local identity provider and a worker account on the platform."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import can
from jineng.core.modules import DemoContext, DemoLogin, DemoStep, NavEntry, register_demo_step, register_nav

SIGN_IN = "/oidc/authenticate/?next=/workers/"
LOGINS = tuple(
    DemoLogin(f"worker{n}", "劳动者本人（一网通办登录，本地身份认证服务）：本人培训、证书、竞赛、补贴，申请技能提升补贴",
              140 + n, sign_in=SIGN_IN)
    for n in (1, 2, 3)
)


def register() -> None:
    register_nav(NavEntry("workers.home", _("我的记录"), "workers:home", can("workers.see_own"), order=5,
                          active_app="workers"))
    register_demo_step(DemoStep(name="workers", run=_demo, order=65, logins=LOGINS,
                                after=("training", "subsidies", "certificates", "competitions"),
                                description="3 名演示劳动者：本地身份认证服务账号、本人记录、可申请补贴的培训记录"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.workers.demo import workers_demo_seed

    return workers_demo_seed(year=context.year)
