from django.core.paginator import Paginator
from django.shortcuts import render

from jineng.occupations.choices import HIGH_SKILLED, SkillLevel
from jineng.occupations.selectors import industry_list, major_categories, occupation_search


def occupation_list(request):
    """Public search of the 2022 classification; htmx swaps the result table as the user types."""
    query = request.GET.get("q", "")[:40]
    major = request.GET.get("major", "")[:1]
    marker = request.GET.get("marker", "") if request.GET.get("marker") in ("L", "S") else ""
    page = Paginator(occupation_search(query=query, major_code=major, marker=marker).distinct(), 50).get_page(request.GET.get("page"))
    context = {"page": page, "query": query, "major": major, "marker": marker, "majors": major_categories()}
    if request.htmx:
        return render(request, "occupations/_results.html", context)
    context |= {"levels": [(level, level in HIGH_SKILLED) for level in SkillLevel], "industries": industry_list()}
    return render(request, "occupations/list.html", context)
