from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillLevel(models.IntegerChoices):
    """The eight-level ladder (新八级工), ordinal: higher is more senior. L5…L1 are certificate levels 五级…一级."""

    APPRENTICE = 0, _("学徒工")
    L5 = 1, _("五级/初级工")
    L4 = 2, _("四级/中级工")
    L3 = 3, _("三级/高级工")
    L2 = 4, _("二级/技师")
    L1 = 5, _("一级/高级技师")
    SPECIAL = 6, _("特级技师")
    CHIEF = 7, _("首席技师")


HIGH_SKILLED = frozenset({SkillLevel.L3, SkillLevel.L2, SkillLevel.L1, SkillLevel.SPECIAL, SkillLevel.CHIEF})
CERTIFICATE_DIGIT_TO_LEVEL = {5: SkillLevel.L5, 4: SkillLevel.L4, 3: SkillLevel.L3, 2: SkillLevel.L2, 1: SkillLevel.L1}


class IndustryKind(models.TextChoices):
    LEADING = "leading", _("先导产业")
    KEY = "key", _("重点产业")
    LIFE_SERVICE = "life_service", _("生活性服务业")
    OTHER = "other", _("其他")


class OccupationMarker(models.TextChoices):
    NONE = "", _("无")
    GREEN = "L", _("绿色职业")
    DIGITAL = "S", _("数字职业")
    BOTH = "L/S", _("绿色、数字职业")
