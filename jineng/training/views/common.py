from django.utils.translation import gettext_lazy

from jineng.core.views import int_param, require  # noqa: F401  (the training views import int_param from here)
from jineng.training import permissions

require_training = require(permissions.can_see_training, gettext_lazy("您的角色无权访问培训管理页面"))
require_running = require(permissions.can_run_training, gettext_lazy("只有培训机构用户可以导入和登记培训记录"))


def nav_context(request) -> dict:
    own = permissions.own_institution(request.user)
    return {"own_institution": own, "can_run": own is not None}
