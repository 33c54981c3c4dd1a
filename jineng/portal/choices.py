from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.core.publication import PUBLICATION_STATE_CSS as STATE_CSS  # noqa: F401
from jineng.core.publication import PublicationState as ArticleState  # noqa: F401


class ArticleKind(models.TextChoices):
    STORY = "story", _("技能人才故事")
    NEWS = "news", _("新闻动态")


class CourseSort(models.TextChoices):
    START = "start", _("开班日期")
    PRICE = "price", _("价格从低到高")
    GRADE = "grade", _("机构等级")
