from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    STORY = "story", _("技能人才故事")
    NEWS = "news", _("新闻动态")


class ArticleState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


STATE_CSS = {
    ArticleState.DRAFT: "",
    ArticleState.SUBMITTED: "state-submitted",
    ArticleState.PUBLISHED: "state-accepted",
    ArticleState.WITHDRAWN: "state-returned",
}


class CourseSort(models.TextChoices):
    START = "start", _("开班日期")
    PRICE = "price", _("价格从低到高")
    GRADE = "grade", _("机构等级")
