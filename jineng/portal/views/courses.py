"""Public course search: results with the full fee, the estimated subsidy for the visitor's category and the
net fee, the institution's grade and status; a course's page with its open classes and the estimate's trace."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from jineng.core.pagination import paginate
from jineng.portal.forms import CourseSearchForm
from jineng.portal.selectors import courses as selectors

PER_PAGE = 20


def course_list(request):
    form = CourseSearchForm(request.GET or None)
    category = form.chosen_category()
    page = paginate(request, selectors.course_search(form.filters()), per_page=PER_PAGE)
    entries = list(page.object_list.select_related("project__occupation", "project__work_type"))
    estimates, quality = selectors.course_estimates(entries, category), selectors.course_quality(entries)
    return render(request, "portal/courses.html", {
        "form": form, "page": page, "category": category,
        "category_label": dict(selectors.subsidy_categories()).get(category, ""),
        "rows": [(entry, estimates.get(entry.project_id), quality[entry.institution_id]) for entry in entries],
    })


def course_detail(request, project_id: int):
    entry = selectors.course_get(project_id)
    if entry is None:
        raise Http404(_("没有该课程"))
    form = CourseSearchForm(request.GET or None)
    category = form.chosen_category()
    return render(request, "portal/course.html", {
        "entry": entry, "form": form, "category": category,
        "category_label": dict(selectors.subsidy_categories()).get(category, ""),
        "estimate": selectors.course_estimate(entry, category),
        "quality": selectors.course_quality([entry])[entry.institution_id],
        "classes": selectors.course_classes(entry),
    })
