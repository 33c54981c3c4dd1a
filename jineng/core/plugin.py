"""What the platform itself puts in the nav: the API documentation, open to every signed-in user."""

from django.utils.translation import gettext_lazy as _

from jineng.core.modules import MORE, NavEntry, register_nav, signed_in


def register() -> None:
    register_nav(NavEntry("core.api_docs", _("接口文档"), "api-docs", signed_in, order=290, menu=MORE))
