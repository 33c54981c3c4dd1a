"""What awards plugs into the platform: calls and reviews in the nav, the public publicity list, the demo round of
every call kind, the API."""

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


def register() -> None:
    register_nav(
        # In "更多": the main bar keeps each role's daily work; a reviewer's queue is theirs, so it is in the bar.
        NavEntry("awards.calls", _("申报评审"), "awards:calls", can("awards.see_calls"), order=235, menu=MORE,
                 active_app="awards", inactive_names=("reviews", "application_score", "publicity", "publicity_call")),
        NavEntry("awards.reviews", _("我的评审"), "awards:reviews", can("awards.score"), order=101,
                 active_names=("reviews", "application_score")),
        NavEntry("awards.publicity", _("评审公示"), "awards:publicity", lambda user: True, order=240, menu=MORE,
                 active_names=("publicity", "publicity_call")),
    )
    register_demo_step(DemoStep(
        name="awards", run=_demo, order=85, after=("accounts",),
        logins=(DemoLogin("reviewer1", "评审专家：为分配的申报评分", 80),
                DemoLogin("reviewer2", "评审专家：为分配的申报评分", 81),
                DemoLogin("reviewer3", "评审专家：为分配的申报评分", 82),
                DemoLogin("studio1", "企业：申报技能大师工作室，跟踪资助资金", 83)),
        description="2024 年各类申报评审：申报、主管部门审核、专家评分、公示、资助"))
    register_api(ApiRoutes(app="awards", module="jineng.awards.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.awards.demo import awards_demo_seed

    return awards_demo_seed(year=context.year)
