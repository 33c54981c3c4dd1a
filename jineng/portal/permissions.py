"""Who writes and who publishes articles. Published articles are open to everyone, visitors without a login
included; the programme office and the districts write (a district its own), the office publishes, returns and
withdraws. "Missing" and "not yours" are the same 404."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from jineng.accounts.permissions import DISTRICT, LEADER, OFFICE, held_by, user_can
from jineng.core.capabilities import capabilities_declare, on_record, scope_declare
from jineng.portal.choices import ArticleState
from jineng.portal.models import Article


def _own_article(user, article) -> bool:
    return article.organisation_id == getattr(user, "organisation_id", None)


capabilities_declare("portal", {
    "see_all": held_by(OFFICE, LEADER),
    "write": held_by(OFFICE) | (held_by(DISTRICT) & on_record(_own_article)),
    "publish": held_by(OFFICE),
})


def article_scope(user) -> Q:
    if user_can(user, "portal.see_all"):
        return Q()
    scope = Q(state=ArticleState.PUBLISHED)
    if user_can(user, "portal.write"):
        scope |= Q(organisation_id=user.organisation_id)
    return scope


scope_declare(Article, article_scope)


def can_write(user, article: Article | None = None) -> bool:
    return user_can(user, "portal.write", article)


def can_publish(user) -> bool:
    return user_can(user, "portal.publish")


def get_article_for_user(user, article_id) -> Article:
    rows = Article.objects.select_related("organisation", "created_by", "published_by")
    try:
        return rows.visible_to(user).get(pk=int(article_id))
    except (Article.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(gettext("没有该文章，或您无权查看")) from exc


def get_published_article(article_id) -> Article:
    try:
        return Article.objects.select_related("organisation").get(pk=int(article_id), state=ArticleState.PUBLISHED)
    except (Article.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(gettext("没有该文章")) from exc
