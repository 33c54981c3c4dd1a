from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Dimension(models.TextChoices):
    OCCUPATION = "occupation", _("按职业")
    INDUSTRY = "industry", _("按产业")


class Granularity(models.TextChoices):
    MONTH = "month", _("按月")
    QUARTER = "quarter", _("按季")
