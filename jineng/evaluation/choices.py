from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    """The three kinds of evaluation body (items 20, 23, 24, 27, 28); colleges file as employer-type bodies."""

    SOCIAL = "social", _("社会培训评价组织")
    EMPLOYER = "employer", _("用人单位")
    COLLEGE = "college", _("院校（毕业年度学生）")
    SPECIAL = "special", _("专项职业能力考核机构")


#: certificate type letter (DOMAIN §7.5): Y = employer-led (colleges file as employer-type bodies), S = social
CERTIFICATE_LETTER = {BodyKind.SOCIAL: "S", BodyKind.EMPLOYER: "Y", BodyKind.COLLEGE: "Y", BodyKind.SPECIAL: "S"}


class BodyStatus(models.TextChoices):
    APPLIED = "applied", _("已申请")
    SCREENED = "screened", _("初审通过")
    REVIEWED = "reviewed", _("复审通过")
    PUBLISHED = "published", _("已公布")
    RETURNED = "returned", _("退回")
    SUSPENDED = "suspended", _("暂停")
    WITHDRAWN = "withdrawn", _("已撤销")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("已计划")
    HELD = "held", _("已考试")
    RESULTS_SUBMITTED = "results_submitted", _("成绩已报送")
    APPROVED = "approved", _("成绩已核准")
    CANCELLED = "cancelled", _("已取消")


class ResultStatus(models.TextChoices):
    RECORDED = "recorded", _("已录入")
    BODY_APPROVED = "body_approved", _("机构已审核")
    APPROVED = "approved", _("已核准")
    VOIDED = "voided", _("已作废")


class SessionPeriod(models.TextChoices):
    """When in the day a session sits: two sessions of one candidate overlap when their periods do."""

    MORNING = "am", _("上午")
    AFTERNOON = "pm", _("下午")
    FULL_DAY = "day", _("全天")


class StaffRole(models.TextChoices):
    EVALUATOR = "evaluator", _("考评员")
    SUPERVISOR = "supervisor", _("内部质量督导员")


class ScopeStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    SUSPENDED = "suspended", _("暂停")


class EmployerGroup(models.TextChoices):
    CITY_SOE = "city_soe", _("市属国企")
    CENTRAL_SOE = "central_soe", _("在沪央企")


class InspectionLevel(models.TextChoices):
    DISTRICT = "district", _("区级督导")
    CITY = "city", _("市级督导")


class InspectionMode(models.TextChoices):
    ONSITE = "onsite", _("现场督导")
    REMOTE = "remote", _("远程（视频）督导")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("已派发")
    DONE = "done", _("已完成")
    CLOSED = "closed", _("整改已验收")


class InspectionOutcome(models.TextChoices):
    PENDING = "", _("未出结果")
    GOOD = "good", _("合格")
    RECTIFY = "rectify", _("限期整改")
    SERIOUS = "serious", _("严重问题（暂停评价范围）")


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    MAJOR = "major", _("较重")
    SERIOUS = "serious", _("严重")


class RectificationStatus(models.TextChoices):
    NOT_REQUIRED = "none", _("无需整改")
    REQUIRED = "required", _("待整改")
    REPORTED = "reported", _("已报整改")
    VERIFIED = "verified", _("整改已核验")


class AnomalyRule(models.TextChoices):
    BODY_PASS_RATE = "body_pass_rate", _("机构通过率异常")
    EXAMINER_PASS_RATE = "examiner_pass_rate", _("考评员通过率异常")
    IDENTICAL_SCORES = "identical_scores", _("成绩雷同")
    TWO_SITES = "two_sites", _("同一考生同时段在两个考点")
    OVER_CAPACITY = "over_capacity", _("批次人数超过考点考位")


class ImportStatus(models.TextChoices):
    DONE = "done", _("已导入")
    REJECTED = "rejected", _("已拒绝")
