"""The programme office registers institutions (with their login organisation) and changes their status."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.views import attempt
from jineng.training import permissions
from jineng.training.forms import InstitutionForm, InstitutionStatusForm
from jineng.training.services.registry import institution_register_with_login, institution_status_change
from jineng.training.views.common import nav_context, require_training


@login_required
def institution_new(request):
    if not permissions.can_register_institutions(request.user):
        raise PermissionDenied(_("只有专班办公室可以登记培训机构"))
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        registered = attempt(request, lambda: institution_register_with_login(by=request.user, **form.cleaned_data),
                             form=form)
        if registered:
            institution = registered.value
            messages.success(request, _("已登记{name}，并开设其登录机构；可在用户管理中为其工作人员开设账号").format(name=institution.name))
            return redirect("training:institution", institution_id=institution.pk)
    return render(request, "training/institution_new.html", nav_context(request) | {"form": form},
                  status=400 if form.errors else 200)


@require_training
@require_POST
def institution_status(request, institution_id: int):
    institution = permissions.get_institution_for_user(request.user, institution_id)
    if not permissions.can_register_institutions(request.user):
        raise PermissionDenied(_("只有专班办公室可以变更培训机构状态"))
    form = InstitutionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择状态并填写变更原因"))
    else:
        if attempt(request, lambda: institution_status_change(by=request.user, institution=institution,
                                                              **form.cleaned_data)):
            messages.success(request, _("机构状态已改为“{status}”").format(status=institution.get_status_display()))
    return redirect("training:institution", institution_id=institution.pk)
