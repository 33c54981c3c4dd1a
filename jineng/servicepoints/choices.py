from django.db import models
from django.utils.translation import gettext_lazy as _


class PointKind(models.TextChoices):
    """The kinds of service point the public map and the 15-minute circle show."""

    STATION = "station", _("就业服务站")
    TRAINING = "training", _("培训机构教学点")
    TEST_SITE = "test_site", _("评价考点")
    WINDOW = "window", _("区评价服务窗口")
    VENUE = "venue", _("竞赛场地")


class Mode(models.TextChoices):
    WALK = "walk", _("步行")
    BIKE = "bike", _("骑行")
