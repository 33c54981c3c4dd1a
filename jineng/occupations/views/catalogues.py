"""Catalogue pages: the public list and versions, the programme office's drafting and publishing, diff, export."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.core.audit import audit_trail, audit_trail_of_rows
from jineng.core.spreadsheets import XLSX_CONTENT_TYPE, file_response, xlsx_response
from jineng.core.views import attempt
from jineng.core.workflow import review_panel
from jineng.occupations import services
from jineng.occupations.choices import CATALOGUE_TARGETS, CatalogueState
from jineng.occupations.exports import ENTRY_HEADERS, catalogue_diff_xlsx, catalogue_rows, changes_for_display
from jineng.occupations.forms import CatalogueEntryForm, CatalogueVersionForm, ReturnForm
from jineng.occupations.models import CatalogueEntry, CatalogueVersion
from jineng.occupations.permissions import (
    can_manage_catalogues,
    can_see_unpublished_catalogues,
    get_catalogue_entry_for_user,
    get_catalogue_version_for_user,
)
from jineng.occupations.selectors import (
    catalogue_diff,
    catalogue_entries,
    catalogue_summaries,
    catalogue_version_list,
    catalogue_version_previous,
)
from jineng.occupations.workflows import CATALOGUE_WORKFLOW


def _visible_versions(user):
    return catalogue_version_list().visible_to(user)


def _require_manager(user) -> None:
    if not can_manage_catalogues(user):
        raise PermissionDenied(_("只有专班办公室可以维护目录"))


def catalogue_list(request):
    """Published catalogues by year and kind against their targets; the office and leaders also see drafts."""
    can_manage = can_manage_catalogues(request.user)
    form = CatalogueVersionForm(request.POST or None, versions=_visible_versions(request.user))
    if request.method == "POST":
        _require_manager(request.user)
        created = form.is_valid() and attempt(
            request, lambda: services.catalogue_version_create(by=request.user, **form.cleaned_data), form=form)
        if created:
            messages.success(request, _("已新建“{title}”").format(title=created.value.title))
            return redirect("occupations:catalogue", version_id=created.value.pk)
    context = {
        "summaries": catalogue_summaries(),
        "versions": catalogue_version_list() if can_see_unpublished_catalogues(request.user) else None,
        "form": form if can_manage else None,
    }
    return render(request, "occupations/catalogue_list.html", context)


def catalogue_detail(request, version_id: int):
    version = get_catalogue_version_for_user(request.user, version_id)
    can_edit = can_manage_catalogues(request.user) and version.state == CatalogueState.DRAFT
    form = CatalogueEntryForm(request.POST or None)
    if request.method == "POST":
        _require_manager(request.user)
        added = form.is_valid() and attempt(
            request, lambda: services.catalogue_entry_add(version=version, by=request.user, **form.entry_fields()),
            form=form)
        if added:
            messages.success(request, _("已添加“{label}”").format(label=added.value.label))
            return redirect("occupations:catalogue", version_id=version.pk)
    return render(request, "occupations/catalogue_detail.html", _detail_context(request, version, form, can_edit))


def _detail_context(request, version: CatalogueVersion, form, can_edit: bool) -> dict:
    can_manage = can_manage_catalogues(request.user)
    entries = list(catalogue_entries(version))
    labels = {entry.pk: entry.label for entry in entries}
    return {
        "version": version,
        "entries": entries,
        "target": CATALOGUE_TARGETS.get(version.kind),
        "form": form if can_edit else None,
        "can_manage": can_manage,
        "review": review_panel(CATALOGUE_WORKFLOW, version, request.user, comment_label=_("退回意见"), urls={
            name: reverse(f"occupations:catalogue_{name}", args=[version.pk]) for name in ("submit", "publish", "return")
        }),
        "previous": catalogue_version_previous(version, public_only=not can_see_unpublished_catalogues(request.user)),
        "superseded_by": _superseded_by(request.user, version),
        "history": audit_trail(version),
        "entry_history": audit_trail_of_rows(
            CatalogueEntry.history.filter(version_id=version.pk),
            describe=lambda row: labels.get(row.id) or row.name or row.key,
        ),
    }


def _superseded_by(user, version: CatalogueVersion) -> CatalogueVersion | None:
    if version.state != CatalogueState.SUPERSEDED:
        return None
    return _visible_versions(user).filter(kind=version.kind, year=version.year, state=CatalogueState.PUBLISHED).first()


TRANSITIONS = {
    "submit": (services.catalogue_submit, gettext_lazy("已提交审核")),
    "publish": (services.catalogue_publish, gettext_lazy("已发布")),
}


@login_required
@require_POST
def catalogue_transition(request, version_id: int, action: str):
    version = get_catalogue_version_for_user(request.user, version_id)
    _require_manager(request.user)
    if action == "return":
        form = ReturnForm(request.POST)
        if form.is_valid():
            attempt(request, lambda: services.catalogue_return(version=version, by=request.user,
                                                               comment=form.cleaned_data["comment"]),
                    success=_("已退回修改"))
        else:
            messages.error(request, _("退回须填写退回意见"))
    else:
        service, done = TRANSITIONS[action]
        attempt(request, lambda: service(version=version, by=request.user), success=done)
    return redirect("occupations:catalogue", version_id=version.pk)


@login_required
def catalogue_entry_edit(request, entry_id: int):
    entry = get_catalogue_entry_for_user(request.user, entry_id)
    _require_manager(request.user)
    form = CatalogueEntryForm(request.POST or None, initial=CatalogueEntryForm.initial_for(entry))
    if request.method == "POST" and form.is_valid() and attempt(
            request, lambda: services.catalogue_entry_update(entry=entry, by=request.user, **form.entry_fields()),
            form=form):
        messages.success(request, _("已保存“{label}”").format(label=entry.label))
        return redirect("occupations:catalogue", version_id=entry.version_id)
    return render(request, "occupations/catalogue_entry.html", {"entry": entry, "version": entry.version, "form": form})


@login_required
@require_POST
def catalogue_entry_remove(request, entry_id: int):
    entry = get_catalogue_entry_for_user(request.user, entry_id)
    _require_manager(request.user)
    label, version_id = entry.label, entry.version_id
    attempt(request, lambda: services.catalogue_entry_remove(entry=entry, by=request.user), success=_("已删除“{label}”").format(label=label))
    return redirect("occupations:catalogue", version_id=version_id)


def catalogue_export(request, version_id: int):
    version = get_catalogue_version_for_user(request.user, version_id)
    return xlsx_response(filename=f"{version.title}.xlsx", title=_("{year}年第{number}版").format(year=version.year, number=version.number),
                         headers=ENTRY_HEADERS, rows=catalogue_rows(version))


def catalogue_diff_page(request):
    """?old=<id>&new=<id>: what the newer version added, removed and changed; &format=xlsx for a workbook."""
    versions = _visible_versions(request.user)
    old_id, new_id = request.GET.get("old", ""), request.GET.get("new", "")
    context = {"versions": versions, "old_id": old_id, "new_id": new_id}
    if old_id and new_id:
        old = get_catalogue_version_for_user(request.user, old_id)
        new = get_catalogue_version_for_user(request.user, new_id)
        diff = catalogue_diff(old, new)
        if request.GET.get("format") == "xlsx":
            return file_response(catalogue_diff_xlsx(diff, old=old, new=new), filename=_("目录对比-{pk}-{pk2}.xlsx").format(pk=old.pk, pk2=new.pk),
                                 content_type=XLSX_CONTENT_TYPE)
        context |= {"old": old, "new": new, "diff": diff, "changes": changes_for_display(diff)}
    return render(request, "occupations/catalogue_diff.html", context)
