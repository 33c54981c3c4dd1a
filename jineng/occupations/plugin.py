"""What occupations plugs into the platform: catalogues and the classification in the nav, demo catalogues, API."""

from django.utils.translation import gettext_lazy as _

from jineng.core.modules import (
    MORE,
    ApiRoutes,
    DemoContext,
    DemoStep,
    NavEntry,
    register_api,
    register_demo_step,
    register_nav,
    signed_in,
)


def register() -> None:
    register_nav(
        NavEntry("occupations.catalogues", _("目录"), "occupations:catalogues", signed_in, order=120,
                 active_app="occupations", inactive_names=("list", "occupation")),
        NavEntry("occupations.list", _("职业分类"), "occupations:list", signed_in, order=220, menu=MORE,
                 active_names=("list", "occupation"), active_app="occupations"),
    )
    register_demo_step(DemoStep(name="occupations", run=_demo, order=30, after=("accounts",),
                                description="急需紧缺职业等目录的版本与发布"))
    register_api(ApiRoutes(app="occupations", module="jineng.occupations.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.accounts.demo import demo_user
    from jineng.occupations.demo import catalogue_demo_seed

    return catalogue_demo_seed(by=demo_user("office"), year=context.year).labelled()
