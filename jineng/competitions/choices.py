from django.db import models
from django.utils.translation import gettext_lazy as _


class Tier(models.TextChoices):
    """The five tiers; the codes are the promotion rules' keys (``data/promotion-rules.json``)."""

    MONTHLY = "monthly", _("月度主题赛")
    CITY_SPECIAL = "city_special", _("市级专项赛")
    CITY_CONTEST = "city_contest", _("上海市职业技能大赛")
    NATIONAL = "national", _("全国职业技能大赛")
    WORLDSKILLS = "worldskills", _("世界技能大赛选拔赛")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    SIGNED_OFF = "signed_off", _("成绩已签核")
    PUBLICITY = "publicity", _("结果公示中")
    FINAL = "final", _("已发证")
    CANCELLED = "cancelled", _("已取消")


class Window(models.TextChoices):
    """Where today falls against an event's registration window (computed, not stored)."""

    NOT_YET = "not_yet", _("报名未开始")
    OPEN = "open", _("报名中")
    CLOSED = "closed", _("报名已截止")
    NONE = "none", _("不在报名阶段")


class AspectKind(models.TextChoices):
    MEASUREMENT = "measurement", _("测量评分")
    JUDGEMENT = "judgement", _("评价评分（三名裁判 0–3 分）")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("已报名")
    WITHDRAWN = "withdrawn", _("已退出")


class Outcome(models.TextChoices):
    CERTIFICATE = "certificate", _("取得证书")
    PROMOTION = "promotion", _("晋升一级")
    NONE = "none", _("无")


class ChangeState(models.TextChoices):
    PENDING = "pending", _("待复核")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已驳回")


class ObjectionState(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("成立")
    DISMISSED = "dismissed", _("不成立")
