"""The enterprise's pay upload for the open round; the uploads list (counts only) for the office and districts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jineng.core.capabilities import can, user_can
from jineng.core.pagination import paginate
from jineng.core.spreadsheets import check_upload_size
from jineng.core.views import attempt, require
from jineng.demand.models import EnterpriseProfile
from jineng.wages.forms import FileForm
from jineng.wages.models import SurveyRound, WageUpload
from jineng.wages.services.uploads import wage_upload_import


@require(can("wages.see_uploads"))
def uploads(request):
    enterprise = user_can(request.user, "wages.upload_wages")
    profile = EnterpriseProfile.objects.filter(organisation_id=request.user.organisation_id).first() if enterprise else None
    survey_round = SurveyRound.objects.filter(is_open=True).order_by("-data_year").first()
    form, errors = FileForm(), []
    if request.method == "POST" and enterprise and profile is not None and survey_round is not None:
        form = FileForm(request.POST, request.FILES)
        if form.is_valid():
            errors = _upload(request, survey_round, profile, form.cleaned_data["file"])
            if not errors:
                return redirect("wages:uploads")
    listed = (WageUpload.objects.visible_to(request.user).select_related("round", "enterprise__organisation",
                                                                         "enterprise__district")
              .order_by("-round__data_year", "enterprise__organisation__name"))
    return render(request, "wages/uploads.html", {
        "enterprise": enterprise, "profile": profile, "round": survey_round, "form": form,
        "upload_errors": errors, "page": paginate(request, listed)}, status=400 if errors else 200)


def _upload(request, survey_round, profile, upload) -> list[str]:
    def run():
        check_upload_size(upload.size)
        return wage_upload_import(survey_round=survey_round, enterprise=profile, content=upload.read(),
                                  file_name=upload.name, by=request.user)

    done = attempt(request, run, flash=False)
    if not done:
        return list(done.errors)
    if done.value.changed:
        messages.success(request, _("已导入 %(rows)d 名职工的工资") % {"rows": done.value.rows})
    else:
        messages.success(request, _("与上次上传的文件相同，未作改动"))
    return []
