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


class CatalogueKind(models.TextChoices):
    URGENT = "urgent", _("急需紧缺高技能人才职业（工种）目录")
    NEW_SKILL = "new_skill", _("新技能培训项目目录")
    SPECIAL = "special", _("专项职业能力考核项目")
    KEY_SUPPORT = "key_support", _("重点支持职业（工种）目录")


# Entries each catalogue should hold under the 2024 plan (rows 4 and 25); None = no count target.
CATALOGUE_TARGETS: dict[str, int | None] = {
    CatalogueKind.URGENT: 100,
    CatalogueKind.NEW_SKILL: 30,
    CatalogueKind.SPECIAL: 20,
    CatalogueKind.KEY_SUPPORT: None,
}


class CatalogueState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("审核中")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已替代")


# Versions the public may read: the one in force and those it replaced (they were published once).
PUBLIC_STATES = (CatalogueState.PUBLISHED, CatalogueState.SUPERSEDED)
STATE_CSS = {
    CatalogueState.DRAFT: "",
    CatalogueState.REVIEW: "state-submitted",
    CatalogueState.PUBLISHED: "state-accepted",
    CatalogueState.SUPERSEDED: "",
}
