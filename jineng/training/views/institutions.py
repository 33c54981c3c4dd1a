from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.core.models import District
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt
from jineng.training import permissions, selectors
from jineng.training.choices import InstitutionKind, InstitutionStatus
from jineng.training.forms import ClassForm, InspectionForm, InstitutionStatusForm, ProjectForm, SiteForm
from jineng.training.services import records as services
from jineng.training.views.common import int_param, nav_context, require, require_running, require_training


def _filters(request) -> selectors.InstitutionFilters:
    return selectors.InstitutionFilters(district_id=int_param(request, "district"),
                                        kind=request.GET.get("kind", ""), status=request.GET.get("status", ""),
                                        q=request.GET.get("q", "").strip())


@require_training
def institution_list(request):
    filters = _filters(request)
    institutions = selectors.institution_list(viewer=request.user, filters=filters)
    return render(request, "training/institutions.html", nav_context(request) | {
        "institutions": institutions, "filters": filters, "counts": selectors.institution_counts(viewer=request.user),
        "districts": District.objects.order_by("code"), "kinds": InstitutionKind.choices,
        "statuses": InstitutionStatus.choices, "can_register": permissions.can_register_institutions(request.user),
    })


@require_training
def institution_export(request):
    rows = [[i.credit_code, i.name, i.get_kind_display(), i.district.name, i.get_status_display(), i.licence_no,
             i.site_count, i.class_count, i.enrolment_count]
            for i in selectors.institution_list(viewer=request.user, filters=_filters(request))]
    return xlsx_response(filename=_("培训机构.xlsx"), title=_("培训机构"), rows=rows, headers=[
        _("统一社会信用代码"), _("机构名称"), _("机构类型"), _("所在区"), _("状态"), _("办学许可证号"), _("教学点"), _("培训班"), _("培训人次")])


def _detail_context(request, institution, **forms) -> dict:
    manage = permissions.can_manage(request.user, institution)
    context = nav_context(request) | {
        "institution": institution, "can_manage": manage, "can_inspect": permissions.can_inspect(request.user),
        "sites": selectors.site_list(institution=institution),
        "projects": selectors.project_list(institution=institution),
        "classes": selectors.class_list(viewer=request.user,
                                        filters=selectors.ClassFilters(institution_id=institution.pk))[:100],
        "inspections": selectors.inspection_list(institution=institution),
        "trail": selectors.institution_audit(institution=institution),
        "map_data": selectors.map_data(institution=institution),
    }
    if manage:
        context |= {"site_form": forms.get("site_form") or SiteForm(),
                    "project_form": forms.get("project_form") or ProjectForm(),
                    "class_form": forms.get("class_form") or ClassForm(institution=institution)}
    if context["can_inspect"]:
        context["inspection_form"] = forms.get("inspection_form") or InspectionForm()
    if permissions.can_register_institutions(request.user):
        context["status_form"] = InstitutionStatusForm(initial={"status": institution.status})
    return context


@require_training
def institution_detail(request, institution_id: int):
    institution = permissions.get_institution_for_user(request.user, institution_id)
    return render(request, "training/institution.html", _detail_context(request, institution))


def _post(request, institution_id: int, form_class, form_name: str, act, success: str):
    institution = permissions.get_institution_for_user(request.user, institution_id)
    form = form_class(request.POST)
    if form.is_valid() and attempt(request, lambda: act(institution, form.cleaned_data), form=form, success=success):
        return redirect("training:institution", institution_id=institution.pk)
    return render(request, "training/institution.html", _detail_context(request, institution, **{form_name: form}),
                  status=400)


@require_running
@require_POST
def site_add(request, institution_id: int):
    return _post(request, institution_id, SiteForm, "site_form",
                 lambda inst, data: services.site_add(by=request.user, institution=inst, **data), _("教学点已添加"))


@require_running
@require_POST
def project_add(request, institution_id: int):
    return _post(request, institution_id, ProjectForm, "project_form",
                 lambda inst, data: services.project_add(by=request.user, institution=inst, **data), _("培训项目已添加"))


@require_running
@require_POST
def class_add(request, institution_id: int):
    institution = permissions.get_institution_for_user(request.user, institution_id)
    form = ClassForm(request.POST, institution=institution)
    opened = form.is_valid() and attempt(request, lambda: services.class_open(by=request.user, **form.cleaned_data),
                                         form=form, success=_("培训班已开设"))
    if opened:
        return redirect("training:class", class_id=opened.value.pk)
    return render(request, "training/institution.html", _detail_context(request, institution, class_form=form),
                  status=400)


@require(permissions.can_inspect, gettext_lazy("只有专班办公室可以登记检查结果"))
@require_POST
def inspection_add(request, institution_id: int):
    return _post(request, institution_id, InspectionForm, "inspection_form",
                 lambda inst, data: services.inspection_record(by=request.user, institution=inst, **data), _("检查结果已登记"))
