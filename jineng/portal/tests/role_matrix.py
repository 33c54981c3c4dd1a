"""The portal's part of the role matrix. Article "a" is published, written by the district login's government (so
everyone reads it and the district may take its writer's steps); "b" is a draft of the programme office, which
only the office and the leadership see. Public pages (home, courses, demand, articles) are open to all."""

from django.core.files.base import ContentFile

from jineng.portal.models import Article, CourseEntry
from jineng.portal.services.course_index import course_index_rebuild

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32

#                                          office leader dept district enterprise institution evaluator anonymous
EXPECT = {
    "home": "ok ok ok ok ok ok ok ok",  # visitors see the public home page; signed-in users their landing page
    "portal:courses": "ok ok ok ok ok ok ok ok",
    "portal:course": "ok ok ok ok ok ok ok ok",
    "portal:demand": "ok ok ok ok ok ok ok ok",
    "portal:articles": "ok ok ok ok ok ok ok ok",
    "portal:article": "ok ok ok ok ok ok ok ok",
    "portal:article_image": "ok ok ok ok ok ok ok ok",
    "portal:article_desk": "ok ok 403 ok 403 403 403 login",
    "portal:article_new": "ok 403 403 ok 403 403 403 login",
    "portal:article_manage": "ok ok ok ok ok ok ok login",
    "portal:article_edit": "ok 403 403 ok 403 403 403 login",
    "portal:article_submit": "ok 403 403 ok 403 403 403 login",
    "portal:article_publish": "ok 403 403 403 403 403 403 login",
    "portal:article_return": "ok 403 403 403 403 403 403 login",
    "portal:article_withdraw": "ok 403 403 403 403 403 403 login",
    "portal:article_revise": "ok 403 403 ok 403 403 403 login",
    "portal-article-list": "ok ok ok ok ok ok ok ok",
    "portal-course-list": "ok ok ok ok ok ok ok ok",
}


PARAMETERS = {
    ("portal", "article_id"): lambda w: (w["portal_article_a"].pk, w["portal_article_b"].pk),
    ("portal", "published_id"): lambda w: (w["portal_article_a"].pk, None),
    ("portal", "project_id"): lambda w: (w["portal_course"].project_id, None),
}


def _article(*, organisation_id, user, state: str, title: str) -> Article:
    article = Article(kind="news", title=title, summary="摘要", body="<p>正文</p>", state=state,
                      organisation_id=organisation_id, created_by=user)
    article.image.save("test.png", ContentFile(PNG), save=False)
    article.save()
    return article


def world_add(world: dict) -> None:
    office, district = world["users"]["office"], world["users"]["district"]
    world["portal_article_a"] = _article(organisation_id=district.organisation_id, user=district,
                                         state="published", title="测试区新闻")
    world["portal_article_b"] = _article(organisation_id=office.organisation_id, user=office, state="draft",
                                         title="测试专班草稿")
    course_index_rebuild()
    world["portal_course"] = CourseEntry.objects.order_by("pk").first()
