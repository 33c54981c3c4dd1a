from django.db import models
from django.utils.translation import gettext_lazy as _


class CallKind(models.TextChoices):
    CHIEF_TECHNICIAN = "chief_technician", _("市级首席技师")
    MASTER_STUDIO = "master_studio", _("技能大师工作室")
    NATIONAL_NOMINATION = "national_nomination", _("国家级技能大师工作室及表彰候选人推荐")
    TRAINING_BASE = "training_base", _("高技能人才培养基地")
    DISTRICT_PROJECT = "district_project", _("区“揭榜挂帅”项目")
    INDUSTRY_EDUCATION = "industry_education", _("产教融合型企业培育")
    COURSE_CERTIFICATE = "course_certificate", _("“课证融通”试点")


class CallStatus(models.TextChoices):
    OPEN = "open", _("受理中")
    REVIEWING = "reviewing", _("评审中")
    PUBLICITY = "publicity", _("公示中")
    DECIDED = "decided", _("已确定")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交，待主管部门审核")
    SCREENED = "screened", _("主管部门已审核推荐")
    UNDER_REVIEW = "under_review", _("专家评审中")
    PUBLICITY = "publicity", _("公示中")
    AWARDED = "awarded", _("已立项资助")
    NOT_AWARDED = "not_awarded", _("未入选")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class Honour(models.TextChoices):
    CHINA_SKILL_AWARD = "中华技能大奖", _("中华技能大奖")
    NATIONAL_EXPERT = "全国技术能手", _("全国技术能手")
    SHANGHAI_OUTSTANDING = "上海市杰出技术能手", _("上海市杰出技术能手")
    SHANGHAI_EXPERT = "上海市技术能手", _("上海市技术能手")


class Criterion(models.TextChoices):
    ACHIEVEMENT = "achievement", _("技能水平与业绩成果")
    INNOVATION = "innovation", _("技术创新与攻关")
    MENTORING = "mentoring", _("带徒传技")
    SUPPORT = "support", _("单位支持与保障")
    PLAN = "plan", _("建设方案与目标")
    CAPACITY = "capacity", _("培养能力与条件")


class SpendingCategory(models.TextChoices):
    TRAINING = "training", _("培训进修")
    EXCHANGE = "exchange", _("技术交流")
    PUBLICATION = "publication", _("著作出版")
    MENTORING = "mentoring", _("带徒传技")
    RESEARCH = "research", _("创新科研与技术攻关")
    EQUIPMENT = "equipment", _("设备购置")
    RUNNING = "running", _("运行经费")
    TREATMENT = "treatment", _("相关待遇")
    OTHER = "other", _("其他（不在资助范围）")


class FundSource(models.TextChoices):
    GRANT = "grant", _("资助资金")
    MATCHING = "matching", _("配套资金")


class AssessmentKind(models.TextChoices):
    MID_TERM = "mid_term", _("中期评估")
    FINAL = "final", _("期满考核")


class AssessmentResult(models.TextChoices):
    PASS = "pass", _("合格")
    IMPROVE = "improve", _("限期整改")
    FAIL = "fail", _("不合格")


class AttachmentKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("申报表（主管部门盖章）")
    HONOUR_PROOF = "honour_proof", _("荣誉或资助证明")
    PLAN = "plan", _("建设方案")
    MATCHING_COMMITMENT = "matching_commitment", _("配套资金承诺书")
