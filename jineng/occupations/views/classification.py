from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jineng.core.views import Attempt, attempt
from jineng.occupations import permissions
from jineng.occupations.choices import HIGH_SKILLED, SkillLevel
from jineng.occupations.selectors import industry_list, major_categories, occupation_get, occupation_search
from jineng.occupations.services import work_type_create

OPTIONS_TARGET = "occupation-options"


def occupation_list(request):
    """Public search of the 2022 classification; htmx swaps the result table as the user types.

    A form elsewhere fills a ``<datalist id="occupation-options">`` from the same search: it sends what was
    typed in its ``occupation`` field and gets ``<option>`` elements back.
    """
    if request.htmx and request.htmx.target == OPTIONS_TARGET:
        query = (request.GET.get("q") or request.GET.get("occupation") or "").strip()[:40]
        options = occupation_search(query=query).distinct()[:20] if query else []
        return render(request, "occupations/_options.html", {"occupations": options})
    query = request.GET.get("q", "")[:40]
    major = request.GET.get("major", "")[:1]
    marker = request.GET.get("marker", "") if request.GET.get("marker") in ("L", "S") else ""
    page = Paginator(occupation_search(query=query, major_code=major, marker=marker).distinct(), 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "major": major, "marker": marker, "majors": major_categories()}
    if request.htmx:
        return render(request, "occupations/_results.html", context)
    context |= {"levels": [(level, level in HIGH_SKILLED) for level in SkillLevel], "industries": industry_list()}
    return render(request, "occupations/list.html", context)


def occupation_detail(request, code: str):
    """One occupation with its categories and work types; the programme office adds work types here."""
    occupation = occupation_get(code=code)
    if occupation is None:
        raise Http404(_("职业不存在"))
    added = Attempt(False)
    if request.method == "POST":
        added = attempt(request, lambda: work_type_create(occupation=occupation, name=request.POST.get("name", ""),
                                                          by=request.user), success=_("工种已添加"), flash=False)
        if added:
            return redirect("occupations:occupation", code=occupation.code)
    can_manage = permissions.can_manage_work_types(request.user)
    return render(request, "occupations/occupation.html", {"occupation": occupation, "can_manage": can_manage,
                                                          "error": added.error})
