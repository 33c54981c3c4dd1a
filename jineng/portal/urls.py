from django.urls import path

from jineng.portal.views import articles, courses, demand

app_name = "portal"
urlpatterns = [
    path("courses/", courses.course_list, name="courses"),
    path("courses/<int:project_id>/", courses.course_detail, name="course"),
    path("demand/", demand.demand_public, name="demand"),
    path("articles/", articles.article_list, name="articles"),
    path("articles/<int:published_id>/", articles.article_detail, name="article"),
    path("articles/<int:article_id>/image/", articles.article_image, name="article_image"),
    path("desk/", articles.article_desk, name="article_desk"),
    path("desk/new/", articles.article_new, name="article_new"),
    path("desk/<int:article_id>/", articles.article_manage, name="article_manage"),
    path("desk/<int:article_id>/edit/", articles.article_edit, name="article_edit"),
    *[path(f"desk/<int:article_id>/{action}/", articles.article_transition, {"action": action},
           name=f"article_{action}") for action in articles.ACTIONS],
]
