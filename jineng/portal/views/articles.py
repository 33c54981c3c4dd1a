"""Articles: the public list and page; the desk where the office and districts write and the office reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jineng.core.pagination import paginate
from jineng.core.views import attempt, require
from jineng.core.workflow import review_panel
from jineng.portal import permissions
from jineng.portal.choices import ArticleKind, ArticleState
from jineng.portal.engine.images import image_kind
from jineng.portal.forms import ArticleForm
from jineng.portal.models import Article
from jineng.portal.selectors.home import articles_published
from jineng.portal.services import articles as services
from jineng.portal.workflows import ARTICLE_WORKFLOW

ACTIONS = services.ACTIONS


def _desk_rule(user) -> bool:
    return permissions.can_write(user) or permissions.user_can(user, "portal.see_all")


def article_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in ArticleKind.values else ""
    page = paginate(request, articles_published(kind=kind), per_page=20)
    return render(request, "portal/articles.html", {"page": page, "kind": kind, "kinds": ArticleKind.choices})


def article_detail(request, published_id: int):
    return render(request, "portal/article.html", {"article": permissions.get_published_article(published_id)})


def article_image(request, article_id: int):
    """An article's image, for whoever may read the article; its type is the one sniffed when it was stored."""
    article = permissions.get_article_for_user(request.user, article_id)
    if not article.image:
        raise Http404(_("文章没有图片"))
    try:
        with article.image.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError) as exc:
        raise Http404(_("文件不存在")) from exc
    kind = image_kind(content)
    if kind is None:
        raise Http404(_("文件不存在"))
    response = HttpResponse(content, content_type=kind.media_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require(_desk_rule)
def article_desk(request):
    state = request.GET.get("state", "")
    rows = Article.objects.visible_to(request.user).select_related("organisation", "created_by")
    if state in ArticleState.values:
        rows = rows.filter(state=state)
    return render(request, "portal/article_desk.html", {
        "page": paginate(request, rows.order_by("-created_at", "-pk")), "state": state,
        "states": ArticleState.choices, "can_write": permissions.can_write(request.user),
    })


@require(permissions.can_write)
def article_new(request):
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created = attempt(request, lambda: services.article_create(by=request.user, **form.article_fields()),
                          form=form)
        if created:
            messages.success(request, _("已保存草稿，提交审核后由专班办公室发布"))
            return redirect("portal:article_manage", article_id=created.value.pk)
    return render(request, "portal/article_form.html", {"form": form, "article": None})


@login_required
def article_manage(request, article_id: int):
    article = permissions.get_article_for_user(request.user, article_id)
    urls = {name: reverse(f"portal:article_{name}", args=[article.pk]) for name in ACTIONS}
    return render(request, "portal/article_manage.html", {
        "article": article, "editable": article.state == ArticleState.DRAFT
        and permissions.can_write(request.user, article),
        "review": review_panel(ARTICLE_WORKFLOW, article, request.user, urls=urls),
    })


@login_required
def article_edit(request, article_id: int):
    article = permissions.get_article_for_user(request.user, article_id)
    if not permissions.can_write(request.user, article):
        raise PermissionDenied(_("只有撰稿单位或专班办公室可以提交或修改文章"))
    initial = {"kind": article.kind, "title": article.title, "summary": article.summary, "body": article.body,
               "image_alt": article.image_alt}
    form = ArticleForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = attempt(request, lambda: services.article_update(
            article=article, by=request.user, image_remove=form.cleaned_data["image_remove"],
            **form.article_fields()), form=form)
        if done:
            messages.success(request, _("已保存"))
            return redirect("portal:article_manage", article_id=article.pk)
    return render(request, "portal/article_form.html", {"form": form, "article": article})


@login_required
@require_POST
def article_transition(request, article_id: int, action: str):
    article = permissions.get_article_for_user(request.user, article_id)
    done = attempt(request, lambda: services.article_transition(article=article, action=action, by=request.user,
                                                                 comment=request.POST.get("comment", "")))
    if done:
        messages.success(request, _("文章已%(action)s") % {"action": ARTICLE_WORKFLOW[action].label})
    return redirect("portal:article_manage", article_id=article.pk)
