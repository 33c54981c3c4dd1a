from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jineng.core.models import District
from jineng.core.people import person_reveal_resident_id
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt
from jineng.training import permissions, selectors
from jineng.training.choices import ClassStatus
from jineng.training.forms import OutcomeForm, RevealForm
from jineng.training.services import records as services
from jineng.training.services.records import CLASS_TRANSITIONS
from jineng.training.views.common import int_param, nav_context, require_training

ENROLMENT_HEADERS = [gettext_lazy("机构"), gettext_lazy("班级编号"), gettext_lazy("职业编码"), gettext_lazy("职业"), gettext_lazy("姓名"), gettext_lazy("身份证号（脱敏）"), gettext_lazy("报名日期"), gettext_lazy("状态"), gettext_lazy("结业日期"),
                     gettext_lazy("出勤课时"), gettext_lazy("考核结果"), gettext_lazy("证书编号"), gettext_lazy("发证日期")]


def _filters(request) -> selectors.ClassFilters:
    return selectors.ClassFilters(institution_id=int_param(request, "institution"),
                                  district_id=int_param(request, "district"), status=request.GET.get("status", ""),
                                  year=int_param(request, "year"), q=request.GET.get("q", "").strip())


@require_training
def class_list(request):
    filters = _filters(request)
    classes = selectors.class_list(viewer=request.user, filters=filters)
    return render(request, "training/classes.html", nav_context(request) | {
        "classes": classes[:200], "total": classes.count(), "filters": filters,
        "districts": District.objects.order_by("code"), "statuses": ClassStatus.choices,
    })


@require_training
def class_export(request):
    rows = [[c.institution.name, c.institution.district.name, c.code, c.project.occupation.code,
             c.project.occupation.name, c.site.name, c.start_date, c.end_date, c.capacity, c.enrolment_count,
             c.passed_count, c.get_status_display(), _("是") if c.is_subsidised else _("否")]
            for c in selectors.class_list(viewer=request.user, filters=_filters(request))]
    return xlsx_response(filename=_("培训班.xlsx"), title=_("培训班"), rows=rows, headers=[
        _("机构"), _("所在区"), _("班级编号"), _("职业编码"), _("职业"), _("教学点"), _("开班日期"), _("结业日期"), _("核定人数"), _("报名人数"),
        _("考核合格"), _("状态"), _("补贴性培训")])


@require_training
def enrolment_export(request):
    return xlsx_response(filename=_("培训记录.xlsx"), title=_("培训记录"), headers=ENROLMENT_HEADERS,
                         rows=selectors.enrolment_export_rows(viewer=request.user, filters=_filters(request)))


def _class_context(request, klass, **extra) -> dict:
    return nav_context(request) | {
        "klass": klass, "enrolments": selectors.enrolment_list(klass=klass),
        "survey": selectors.class_survey_summary(klass=klass),
        "can_manage": permissions.can_manage(request.user, klass.institution),
        "can_reveal": permissions.can_reveal(request.user),
        "next_statuses": [(s, ClassStatus(s).label) for s in sorted(CLASS_TRANSITIONS.get(klass.status, ()))],
    } | extra


@require_training
def class_detail(request, class_id: int):
    klass = permissions.get_class_for_user(request.user, class_id)
    return render(request, "training/class.html", _class_context(request, klass))


@require_training
def class_enrolments_export(request, class_id: int):
    klass = permissions.get_class_for_user(request.user, class_id)
    return xlsx_response(filename=_("培训记录-{code}.xlsx").format(code=klass.code), title=_("培训记录"), headers=ENROLMENT_HEADERS,
                         rows=selectors.enrolment_export_rows(
                             viewer=request.user, filters=selectors.ClassFilters(class_id=klass.pk)))


@require_training
@require_POST
def class_status(request, class_id: int):
    klass = permissions.get_class_for_user(request.user, class_id)
    attempt(request, lambda: services.class_status_change(by=request.user, klass=klass,
                                                          status=request.POST.get("status", "")),
            success=_("班级状态已更新"))
    return redirect("training:class", class_id=klass.pk)


@require_training
def enrolment_edit(request, enrolment_id: int):
    enrolment = permissions.get_enrolment_for_user(request.user, enrolment_id)
    manage = permissions.can_manage(request.user, enrolment.training_class.institution)
    form = OutcomeForm(request.POST or None, initial={
        "completed_date": enrolment.completed_date, "hours_attended": enrolment.hours_attended,
        "exam_result": enrolment.exam_result, "certificate_no": enrolment.certificate_no,
        "certificate_date": enrolment.certificate_date, "dropped": enrolment.status == "dropped"})
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(_("只有本机构的用户可以登记结业和考核结果"))
        if form.is_valid() and attempt(request, lambda: services.enrolment_record_outcome(
                by=request.user, enrolment=enrolment, **form.cleaned_data), form=form, success=_("结业和考核结果已登记")):
            return redirect("training:class", class_id=enrolment.training_class_id)
    return render(request, "training/enrolment.html", nav_context(request) | {
        "enrolment": enrolment, "form": form, "can_manage": manage, "reveal_form": RevealForm(),
        "can_reveal": permissions.can_reveal(request.user),
        "check_ins": enrolment.check_ins.select_related("site").order_by("checked_at")[:100],
    }, status=400 if form.errors else 200)


@never_cache
@require_training
@require_POST
def enrolment_reveal(request, enrolment_id: int):
    """The full number, shown once in this response (never in a URL); each view is logged."""
    enrolment = permissions.get_enrolment_for_user(request.user, enrolment_id)
    if not permissions.can_reveal(request.user):
        raise PermissionDenied(_("您的角色无权查看完整身份证号"))
    form = RevealForm(request.POST)
    revealed = None
    if form.is_valid():
        revealed = attempt(request, lambda: person_reveal_resident_id(
            person=enrolment.person, viewer=request.user, reason=form.cleaned_data["reason"]), form=form).value
    return render(request, "training/enrolment.html", nav_context(request) | {
        "enrolment": enrolment, "form": OutcomeForm(), "reveal_form": form, "revealed": revealed,
        "can_manage": permissions.can_manage(request.user, enrolment.training_class.institution),
        "can_reveal": True, "check_ins": enrolment.check_ins.select_related("site").order_by("checked_at")[:100],
    }, status=200 if revealed else 400)
