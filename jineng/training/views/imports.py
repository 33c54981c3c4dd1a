from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, file_response
from jineng.core.views import attempt
from jineng.core.views import import_progress as import_progress_partial
from jineng.training import permissions, selectors
from jineng.training.forms import UploadForm
from jineng.training.services.imports import training_import_queue, training_template_bytes
from jineng.training.views.common import nav_context, require_training


@require_training
def import_list(request):
    form = UploadForm()
    if request.method == "POST":
        if not permissions.can_run_training(request.user):
            raise PermissionDenied(_("只有培训机构用户可以导入培训记录"))
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            queued = attempt(request, lambda: training_import_queue(
                content=upload.read(), file_name=upload.name, by=request.user,
                institution=permissions.own_institution(request.user)), form=form, field="file",
                success=_("文件已上传，后台任务正在导入"))
            if queued:
                return redirect("training:import", import_id=queued.value.pk)
    return render(request, "training/imports.html", nav_context(request) | {
        "form": form, "imports": selectors.import_list(viewer=request.user)[:50],
    }, status=400 if form.errors else 200)


@require_training
def import_detail(request, import_id: int):
    record = permissions.get_import_for_user(request.user, import_id)
    return render(request, "training/import.html", nav_context(request) | {"record": record})


@require_training
def import_progress(request, import_id: int):
    record = permissions.get_import_for_user(request.user, import_id)
    return import_progress_partial(request, record, progress_url=reverse("training:import_progress", args=[record.pk]))


@require_training
def template_download(request):
    content = training_template_bytes(institution=permissions.own_institution(request.user))
    return file_response(content, filename=_("培训记录导入模板.xlsx"), content_type=XLSX_CONTENT_TYPE)
