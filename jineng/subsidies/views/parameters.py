"""The schemes' dated parameters: everyone reads the rules; the programme office adds a new dated value."""
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jineng.core.audit import audit_trail_of_rows
from jineng.subsidies import permissions
from jineng.subsidies.forms import ParameterForm
from jineng.subsidies.models import SubsidyParameter
from jineng.subsidies.selectors.parameters import parameter_rows, scheme_list
from jineng.subsidies.services.parameters import subsidy_parameter_add
from jineng.subsidies.views.common import attempt, require


@require(permissions.can_quote)
def parameter_list(request):
    can_manage = permissions.can_manage_parameters(request.user)
    form = ParameterForm(request.POST if request.method == "POST" else None)
    if (request.method == "POST" and can_manage and form.is_valid()
            and attempt(request, lambda: subsidy_parameter_add(by=request.user, **form.cleaned_data), success=_("已新增参数取值"))):
        return redirect("subsidies:parameters")
    history = audit_trail_of_rows(SubsidyParameter.history.all(), limit=30,
                                  describe=lambda row: _("{key} = {value}（{valid_from} 起）").format(key=row.key, value=row.value, valid_from=row.valid_from))
    return render(request, "subsidies/parameters.html", {
        "schemes": scheme_list(active_only=False), "rows": parameter_rows(), "form": form if can_manage else None,
        "history": history})
