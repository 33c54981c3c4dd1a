from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from jineng.training import permissions


def require_training(view):
    """Login, then a training role (supervising or running an institution); otherwise 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.can_see_training(request.user):
            raise PermissionDenied("您的角色无权访问培训管理页面")
        return view(request, *args, **kwargs)

    return wrapped


def require_running(view):
    """Login, then an institution user with an institution (imports, forms)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not permissions.can_run_training(request.user):
            raise PermissionDenied("只有培训机构用户可以导入和登记培训记录")
        return view(request, *args, **kwargs)

    return wrapped


def int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "").strip()
    return int(value) if value.isdigit() else None


def nav_context(request) -> dict:
    own = permissions.own_institution(request.user)
    return {"own_institution": own, "can_run": own is not None}
