from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    QUANTITY = "quantity", _("数量")
    COMPARISON = "comparison", _("比较")
    MILESTONE = "milestone", _("节点")
    COVERAGE = "coverage", _("覆盖")


class LeadRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    PARTNER = "partner", _("配合")


class IndicatorSource(models.TextChoices):
    REPORTED = "reported", _("人工填报")
    METRIC = "metric", _("系统计算")


class ReportState(models.TextChoices):
    """The workflow of one monthly report."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已采纳")


class ProgressStatus(models.TextChoices):
    """What the reporting unit says about the task's progress."""

    NOT_STARTED = "not_started", _("未启动")
    ON_TRACK = "on_track", _("正常推进")
    AT_RISK = "at_risk", _("存在风险")
    BEHIND = "behind", _("进度滞后")
    DONE = "done", _("已完成")


class Rag(models.TextChoices):
    GREEN = "green", _("正常")
    AMBER = "amber", _("预警")
    RED = "red", _("滞后")
    NONE = "none", _("无数据")


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", _("按时")
    LATE = "late", _("逾期报送")
    MISSING = "missing", _("未报送")
    PENDING = "pending", _("未到截止日")
