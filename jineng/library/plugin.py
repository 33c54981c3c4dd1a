"""What the library plugs into the platform: the library in the "more" menu, demo documents, API routes."""

from django.utils.translation import gettext_lazy as _

from jineng.core.modules import (
    MORE,
    ApiRoutes,
    DemoContext,
    DemoStep,
    NavEntry,
    demo_steps,
    register_api,
    register_demo_step,
    register_nav,
)


def _anyone(user) -> bool:
    return True  # published public documents are open to visitors without a login


def register() -> None:
    register_nav(NavEntry("library.documents", _("技术资源库"), "library:documents", _anyone, order=240, menu=MORE,
                          active_app="library"))
    # Built on the evaluation bodies when the evaluation step is there (it registers first: INSTALLED_APPS order).
    after = ("evaluation",) if any(step.name == "evaluation" for step in demo_steps()) else ("occupations",)
    register_demo_step(DemoStep(name="library", run=_demo, order=90, after=after,
                                description="技术资源库：评价标准、方案、题库和教学资料及下载记录"))
    register_api(ApiRoutes(app="library", module="jineng.library.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.library.demo import library_demo_seed

    return library_demo_seed(year=context.year)
