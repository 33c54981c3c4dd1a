"""Library pages: search, detail with versions, upload, review queue, downloads (logged) and the download report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.pagination import paginate
from jineng.core.spreadsheets import xlsx_response
from jineng.core.views import attempt, int_param, require
from jineng.core.workflow import review_panel
from jineng.library import selectors, services
from jineng.library.choices import AccessLevel, DocumentKind, DocumentState
from jineng.library.forms import DocumentForm, PeriodForm, SharingForm, VersionForm
from jineng.library.permissions import (
    can_contribute,
    can_review,
    can_see_downloads,
    get_document_for_user,
    get_version_for_user,
    user_body,
)
from jineng.library.workflows import DOCUMENT_WORKFLOW

ACTIONS = ("submit", "publish", "return", "withdraw", "revise")


def _require_contributor(user, document) -> None:
    if not can_contribute(user, document):
        raise PermissionDenied(_("只有资料的提供机构或专班办公室可以提交或修改资料"))


def _choice(request, name: str, values) -> str:
    value = request.GET.get(name, "")
    return value if value in values else ""


def document_list(request):
    """Everyone searches what they may read; visitors without a login see the published public documents."""
    filters = {
        "q": request.GET.get("q", "").strip()[:80],
        "occupation": request.GET.get("occupation", "").strip()[:80],
        "kind": _choice(request, "kind", DocumentKind.values),
        "access": _choice(request, "access", AccessLevel.values),
        "state": _choice(request, "state", DocumentState.values),
        "body_id": int_param(request, "body"),
    }
    page = paginate(request, selectors.document_list(viewer=request.user, **filters))
    return render(request, "library/list.html", {
        "page": page, "filters": filters, "kinds": DocumentKind.choices, "accesses": AccessLevel.choices,
        "states": DocumentState.choices, "can_contribute": can_contribute(request.user),
        "can_review": can_review(request.user), "can_see_downloads": can_see_downloads(request.user),
        "own_body": user_body(request.user),
    })


@require(can_contribute)
def document_new(request):
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = attempt(request, lambda: services.document_create(by=request.user, **form.document_fields()),
                          form=form)
        if created:
            messages.success(request, _("已上传“%(title)s”，提交审核后由专班办公室发布") % {"title": created.value.title})
            return redirect("library:document", document_id=created.value.pk)
    return render(request, "library/new.html", {"form": form})


def document_detail(request, document_id: int):
    document = get_document_for_user(request.user, document_id)
    editable = document.state == DocumentState.DRAFT and can_contribute(request.user, document)
    urls = {name: reverse(f"library:document_{name}", args=[document.pk]) for name in ACTIONS}
    return render(request, "library/detail.html", {
        "document": document,
        "versions": selectors.document_versions(document),
        "shared_with": document.shared_with.order_by("name"),
        "version_form": VersionForm() if editable else None,
        "sharing_form": SharingForm(initial={"access": document.access,
                                             "shared_with": list(document.shared_with.all())}) if editable else None,
        "review": review_panel(DOCUMENT_WORKFLOW, document, request.user, urls=urls) if request.user.is_authenticated
        else None,
        "downloads": selectors.download_log(viewer=request.user, document=document)
        if can_see_downloads(request.user) else None,
    })


@login_required
@require_POST
def version_add(request, document_id: int):
    document = get_document_for_user(request.user, document_id)
    _require_contributor(request.user, document)
    form = VersionForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件"))
    else:
        attempt(request, lambda: services.version_add(document=document, by=request.user,
                                                      upload=form.cleaned_data["file"],
                                                      note=form.cleaned_data["note"]),
                success=_("已上传新版本"))
    return redirect("library:document", document_id=document.pk)


@login_required
@require_POST
def document_sharing(request, document_id: int):
    document = get_document_for_user(request.user, document_id)
    _require_contributor(request.user, document)
    form = SharingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择访问级别"))
    else:
        attempt(request, lambda: services.document_sharing_set(
            document=document, by=request.user, access=form.cleaned_data["access"],
            shared_with=list(form.cleaned_data["shared_with"])), success=_("已修改访问范围"))
    return redirect("library:document", document_id=document.pk)


@login_required
@require_POST
def document_transition(request, document_id: int, action: str):
    document = get_document_for_user(request.user, document_id)
    comment = request.POST.get("comment", "")
    done = attempt(request, lambda: services.document_transition(document=document, action=action, by=request.user,
                                                                  comment=comment))
    if done:
        messages.success(request, _("资料已%(action)s") % {"action": DOCUMENT_WORKFLOW[action].label})
    return redirect("library:document", document_id=document.pk)


def version_download(request, version_id: int):
    """Serve a version's file and log who downloaded it (every download, visitors included)."""
    version = get_version_for_user(request.user, version_id)
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("文件不存在")) from exc
    services.download_record(version=version, user=request.user)
    return FileResponse(handle, as_attachment=True, filename=version.original_name)


@require(can_review)
def review_queue(request):
    return render(request, "library/review.html", {"documents": selectors.review_queue(viewer=request.user)})


def _period_rows(request):
    form = PeriodForm(request.GET or None)
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, selectors.download_counts(viewer=request.user, start=start, end=end)


@require(can_see_downloads)
def download_report(request):
    form, rows = _period_rows(request)
    return render(request, "library/downloads.html", {"form": form, "page": paginate(request, rows)})


@require(can_see_downloads)
def download_report_export(request):
    _form, rows = _period_rows(request)
    kinds = {value: str(label) for value, label in DocumentKind.choices}
    accesses = {value: str(label) for value, label in AccessLevel.choices}
    return xlsx_response(
        filename=_("资料下载统计.xlsx"), title=_("资料下载统计"),
        headers=[_("资料"), _("资料类别"), _("访问级别"), _("下载次数"), _("登录用户下载"), _("机构数"), _("最近下载")],
        rows=([row["document__title"], kinds.get(row["document__kind"], ""), accesses.get(row["document__access"], ""),
               row["downloads"], row["signed_in"], row["organisations"],
               timezone.localtime(row["last_at"]).strftime("%Y-%m-%d %H:%M")] for row in rows))
