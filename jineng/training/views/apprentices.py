"""New-type apprentices: enterprises register theirs; the programme office and districts read, with counts."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jineng.core.models import District
from jineng.core.pagination import paginate
from jineng.core.views import attempt
from jineng.training import permissions, selectors
from jineng.training.forms import ApprenticeForm
from jineng.training.services.apprentices import apprentice_register, enterprise_district_id
from jineng.training.views.common import int_param, require

require_apprentices = require(permissions.can_see_apprentices, gettext_lazy("您的角色无权访问新型学徒页面"))


@require_apprentices
def apprentice_list(request):
    filters = selectors.ApprenticeFilters(district_id=int_param(request, "district"),
                                          occupation=request.GET.get("occupation", "").strip(),
                                          q=request.GET.get("q", "").strip())
    rows = selectors.apprenticeship_list(viewer=request.user, filters=filters)
    return render(request, "training/apprentices.html", {
        "page": paginate(request, rows), "total": rows.count(), "counts": selectors.apprenticeship_counts(rows=rows),
        "filters": filters, "districts": District.objects.order_by("code"),
        "can_register": permissions.can_register_apprentices(request.user),
    })


@require_apprentices
def apprentice_new(request):
    if not permissions.can_register_apprentices(request.user):
        raise PermissionDenied(_("只有企业用户可以登记本企业的新型学徒"))
    known = enterprise_district_id(request.user.organisation) is not None
    form = ApprenticeForm(request.POST or None, district_known=known)
    if request.method == "POST" and form.is_valid():
        registered = attempt(request, lambda: apprentice_register(by=request.user, **form.cleaned_data), form=form)
        if registered:
            apprenticeship = registered.value
            messages.success(request, _("已登记新型学徒 {name}（{resident_id_masked}）").format(name=apprenticeship.person.name, resident_id_masked=apprenticeship.person.resident_id_masked))
            return redirect("training:apprentices")
    return render(request, "training/apprentice_new.html", {"form": form}, status=400 if form.errors else 200)
