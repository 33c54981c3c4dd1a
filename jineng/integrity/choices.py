from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.core import review_queue


class RiskRule(models.TextChoices):
    DUPLICATE_CLAIM = "duplicate_claim", _("跨机构、跨区重复申领")
    SHARED_DEVICE = "shared_device", _("同一设备为多名学员签到")
    OVERLAPPING_CLASSES = "overlapping_classes", _("同一学员同时段在多个班")
    IMPOSSIBLE_TRAVEL = "impossible_travel", _("两地签到间隔不可能到达")
    PASS_RATE_OUTLIER = "pass_rate_outlier", _("考核通过率异常")
    OVER_CAPACITY = "over_capacity", _("申领人数超过班级核定人数")
    CLAIM_BURST = "claim_burst", _("短时间集中申领")
    IMPLAUSIBLE_AGE = "implausible_age", _("年龄不在合理范围")


class RiskRunStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("核查中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("出错")


FindingStatus = review_queue.FindingStatus  # the shared review queue's outcomes


class Grade(models.TextChoices):
    A = "A", _("A 优秀")
    B = "B", _("B 良好")
    C = "C", _("C 合格")
    D = "D", _("D 待改进")
    UNRATED = "-", _("样本不足，暂不评级")
