"""``{% main_nav as nav %}``: the registered nav entries this user may open (``core.modules``), by menu."""

from django import template

from jineng.core.modules import nav_for

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context) -> dict:
    request = context.get("request")
    if request is None:
        return nav_for(None)
    return nav_for(request.user, getattr(request, "resolver_match", None))
