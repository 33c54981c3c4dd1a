"""Forms of the awards pages: parse and validate input, nothing more."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.awards.choices import (
    AssessmentKind,
    AssessmentResult,
    AttachmentKind,
    CallKind,
    Criterion,
    FundSource,
    Honour,
    SpendingCategory,
)
from jineng.occupations.choices import SkillLevel

LEVELS = [("", _("未填写"))] + [(str(level.value), level.label) for level in SkillLevel if 1 <= level.value <= 5]
DATE = forms.DateInput(attrs={"type": "date"})


class CallForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=CallKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("名称"), max_length=120)
    quota = forms.IntegerField(label=_("名额"), min_value=1, max_value=10_000)
    opens_on = forms.DateField(label=_("开始受理"), widget=DATE)
    deadline = forms.DateTimeField(label=_("申报截止"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    required_attachments = forms.MultipleChoiceField(label=_("必交附件"), choices=AttachmentKind.choices,
                                                     required=False, widget=forms.CheckboxSelectMultiple)


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=120)
    screening_unit = forms.ModelChoiceField(
        label=_("主管部门"), queryset=Organisation.objects.filter(
            kind__in=(OrganisationKind.DEPARTMENT, OrganisationKind.DISTRICT), is_active=True).order_by("kind", "name"),
        help_text=_("市级部门或区政府，负责审核推荐"))
    leader_name = forms.CharField(label=_("负责人（领衔人）"), max_length=40)
    leader_level = forms.TypedChoiceField(label=_("负责人技能等级"), choices=LEVELS, coerce=int, empty_value=None,
                                          required=False)
    leader_honours = forms.MultipleChoiceField(label=_("负责人荣誉"), choices=Honour.choices, required=False,
                                               widget=forms.CheckboxSelectMultiple)
    leader_funded_chief_year = forms.IntegerField(label=_("获资助首席技师年度"), min_value=2000, max_value=2100,
                                                  required=False, help_text=_("平台上线前的资助，平台会自动查找此后的记录"))
    leader_still_employed = forms.BooleanField(label=_("仍在本单位工作"), required=False, initial=True)
    matching_declared = forms.DecimalField(label=_("承诺配套资金（元）"), min_value=0, max_digits=12, decimal_places=2)
    summary = forms.CharField(label=_("申报摘要"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("附件类型"), choices=AttachmentKind.choices)
    file = forms.FileField(label=_("文件"))


class ObjectionForm(forms.Form):
    text = forms.CharField(label=_("异议内容"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


def score_form(criteria: list[str]) -> type[forms.Form]:
    labels = dict(Criterion.choices)
    fields = {code: forms.DecimalField(label=labels.get(code, code), min_value=0, max_value=100, max_digits=5,
                                       decimal_places=2) for code in criteria}
    return type("ScoreForm", (forms.Form,), fields)


class MatchingForm(forms.Form):
    amount = forms.DecimalField(label=_("金额（元）"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    recorded_on = forms.DateField(label=_("到位日期"), widget=DATE)
    evidence = forms.CharField(label=_("凭证"), max_length=120, required=False)


class SpendingForm(forms.Form):
    category = forms.ChoiceField(label=_("支出类别"), choices=SpendingCategory.choices)
    source = forms.ChoiceField(label=_("资金来源"), choices=FundSource.choices)
    amount = forms.DecimalField(label=_("金额（元）"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    spent_on = forms.DateField(label=_("支出日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=120, required=False)


class AssessmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("评估类型"), choices=AssessmentKind.choices)
    result = forms.ChoiceField(label=_("结论"), choices=AssessmentResult.choices)
    assessed_on = forms.DateField(label=_("评估日期"), widget=DATE)
    note = forms.CharField(label=_("意见"), max_length=300, required=False)
