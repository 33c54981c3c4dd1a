from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.core.models import ImportStatus


class InstitutionKind(models.TextChoices):
    PRIVATE = "private", _("民办培训机构")
    PUBLIC = "public", _("公办培训机构")
    COLLEGE = "college", _("职业院校")
    ENTERPRISE_CENTRE = "enterprise_centre", _("企业培训中心")
    FOREIGN_INVESTED = "foreign_invested", _("外商投资培训机构")


class InstitutionStatus(models.TextChoices):
    ACTIVE = "active", _("正常")
    SUSPENDED = "suspended", _("暂停招生")
    REVOKED = "revoked", _("已注销")


class ProjectStatus(models.TextChoices):
    APPROVED = "approved", _("已核准")
    WITHDRAWN = "withdrawn", _("已撤销")


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("招生中")
    RUNNING = "running", _("开班中")
    COMPLETED = "completed", _("已结业")
    CANCELLED = "cancelled", _("已取消")


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("在训")
    COMPLETED = "completed", _("已结业")
    DROPPED = "dropped", _("退训")


class ExamResult(models.TextChoices):
    NONE = "", _("未考")
    PASSED = "passed", _("合格")
    FAILED = "failed", _("不合格")
    ABSENT = "absent", _("缺考")


class CheckInMethod(models.TextChoices):
    FACE = "face", _("人脸识别")
    QR = "qr", _("扫码")
    CARD = "card", _("刷卡")
    MANUAL = "manual", _("人工登记")


TrainingImportStatus = ImportStatus  # the states of every background import
