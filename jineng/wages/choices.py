from django.db import models
from django.utils.translation import gettext_lazy as _


class ThresholdKey(models.TextChoices):
    MIN_ENTERPRISES = "min_enterprises", _("最少企业数")
    MIN_WORKERS = "min_workers", _("最少职工数")
    DOMINANCE = "dominance", _("单一企业职工占比上限")


class PostCategory(models.TextChoices):
    SKILL = "skill", _("技能")
    MANAGEMENT = "management", _("管理")
    PROFESSIONAL = "professional", _("专业技术")


class Dimension(models.TextChoices):
    OCCUPATION_LEVEL = "occupation_level", _("职业 × 等级")
    OCCUPATION = "occupation", _("职业")
    INDUSTRY = "industry", _("产业")


class SuppressionReason(models.TextChoices):
    NONE = "", _("发布")
    FEW_ENTERPRISES = "few_enterprises", _("企业少于下限")
    FEW_WORKERS = "few_workers", _("职工少于下限")
    DOMINANCE = "dominance", _("单一企业占比过高")
    COMPLEMENTARY = "complementary", _("防推算隐藏")
    NOT_MONOTONIC = "not_monotonic", _("分位数不单调")


class VersionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    REVIEW = "review", _("审核中")
    PUBLISHED = "published", _("已发布")
    SUPERSEDED = "superseded", _("已替代")


class Ownership(models.TextChoices):
    MUNICIPAL_SOE = "municipal_soe", _("市属国企")
    CENTRAL_SOE = "central_soe", _("在沪央企")
    OTHER = "other", _("其他")
