"""What the portal plugs into the platform: its public pages and the article desk in the menus, the demo articles
and the search index, API routes."""

from django.utils.translation import gettext_lazy as _

from jineng.core.capabilities import user_can
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


def _anyone(user) -> bool:
    return True  # public pages: visitors without a login included


def _writes_or_reads_articles(user) -> bool:
    return user_can(user, "portal.write") or user_can(user, "portal.see_all")


def register() -> None:
    register_nav(
        NavEntry("portal.courses", _("课程搜索"), "portal:courses", _anyone, order=180, menu=MORE,
                 active_names=("courses", "course")),
        NavEntry("portal.articles", _("新闻与人才故事"), "portal:articles", _anyone, order=185, menu=MORE,
                 active_names=("articles", "article")),
        NavEntry("portal.demand", _("企业技能需求分析"), "portal:demand", _anyone, order=186, menu=MORE),
        NavEntry("portal.article_desk", _("文章管理"), "portal:article_desk", _writes_or_reads_articles, order=187,
                 menu=MORE, active_names=("article_desk", "article_new", "article_edit", "article_manage")),
    )
    register_demo_step(DemoStep(name="portal", run=_demo, order=95, after=("accounts", "training", "integrity"),
                                description="公共服务平台：技能人才故事和新闻（2024 年），课程检索索引"))
    register_api(ApiRoutes(app="portal", module="jineng.portal.api"))


def _demo(context: DemoContext) -> dict[str, object]:
    from jineng.portal.demo import portal_demo_seed

    return portal_demo_seed(year=context.year)
