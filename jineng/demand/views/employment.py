"""The enterprise's staff roster: upload it, see who is on it (names and masked resident IDs only)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jineng.core.pagination import paginate
from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, check_upload_size, file_response
from jineng.core.views import attempt
from jineng.demand import permissions
from jineng.demand.forms import RosterUploadForm
from jineng.demand.selectors.employment import employment_list, enterprise_profile_of
from jineng.demand.services.employment import roster_import, roster_template_bytes
from jineng.demand.views.common import require


@require(permissions.can_manage_roster, gettext_lazy("只有企业用户可以管理职工花名册"))
def employee_list(request):
    profile = enterprise_profile_of(request.user)
    form, errors = RosterUploadForm(), []
    if request.method == "POST" and profile is not None:
        form = RosterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            errors = _upload(request, profile, form.cleaned_data["file"])
            if not errors:
                return redirect("demand:employees")
    query = request.GET.get("q", "").strip()[:40]
    records = employment_list(viewer=request.user, enterprise=profile, query=query) if profile is not None else None
    return render(request, "demand/employees.html", {
        "profile": profile, "form": form, "upload_errors": errors, "query": query,
        "page": paginate(request, records) if records is not None else None,
    }, status=400 if errors else 200)


def _upload(request, profile, upload) -> list[str]:
    def run():
        check_upload_size(upload.size)
        return roster_import(enterprise=profile, content=upload.read(), file_name=upload.name, by=request.user)

    done = attempt(request, run, flash=False)
    if not done:
        return list(done.errors)
    result = done.value
    messages.success(request, _("花名册已导入：新增 %(created)d 条、更新 %(updated)d 条、未变 %(unchanged)d 条")
                     % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged})
    return []


@require(permissions.can_manage_roster, gettext_lazy("只有企业用户可以管理职工花名册"))
def roster_template(request):
    return file_response(roster_template_bytes(), filename=_("职工花名册模板.xlsx"), content_type=XLSX_CONTENT_TYPE)
