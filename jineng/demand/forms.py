from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.demand.choices import ReportState, Urgency
from jineng.demand.models import DEFAULT_WEIGHTS, RankingWeights
from jineng.demand.selectors.analysis import DIMENSION_LABELS, DemandFilters
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry

MONEY = {"min_value": 0, "decimal_places": 2}


class LineForm(forms.Form):
    occupation = forms.CharField(
        label=_("职业"),
        max_length=100,
        # Search by code, name or pinyin initials: htmx fills the datalist from the classification's search.
        widget=forms.TextInput(attrs={
            "placeholder": "6-25-02-05 / 芯片 / bdtxp", "list": "occupation-options", "autocomplete": "off",
            "hx-get": reverse_lazy("occupations:list"), "hx-trigger": "input changed delay:300ms",
            "hx-target": "#occupation-options", "hx-swap": "innerHTML",
        }),
    )

    def clean_occupation(self) -> str:
        """The datalist offers "6-25-02-05 半导体芯片制造工"; the code is what identifies the occupation."""
        value = self.cleaned_data["occupation"].strip()
        return value.split()[0] if value else value

    work_type = forms.CharField(label=_("工种"), max_length=80, required=False)
    level = forms.TypedChoiceField(label=_("技能等级"), choices=SkillLevel.choices, coerce=int, initial=SkillLevel.L3)
    headcount = forms.IntegerField(label=_("需求人数"), min_value=1, max_value=100_000)
    urgency = forms.TypedChoiceField(label=_("紧急程度"), choices=Urgency.choices, coerce=int)
    vacancy_months = forms.DecimalField(label=_("空缺时长（月）"), max_value=120, **MONEY)
    applicants_per_vacancy = forms.DecimalField(label=_("每岗位应聘人数"), max_value=10_000, **MONEY)
    offered_monthly_pay = forms.DecimalField(label=_("月薪（元）"), max_value=1_000_000, **MONEY)
    expected_hire_date = forms.DateField(label=_("预计到岗日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("原因"), max_length=500, required=False)

    @classmethod
    def initial_for(cls, line) -> dict:
        return {
            "occupation": line.occupation.code, "work_type": line.work_type.name if line.work_type else "",
            "level": line.level, "headcount": line.headcount, "urgency": line.urgency,
            "vacancy_months": line.vacancy_months, "applicants_per_vacancy": line.applicants_per_vacancy,
            "offered_monthly_pay": line.offered_monthly_pay, "expected_hire_date": line.expected_hire_date,
            "reason": line.reason,
        }


class NoteForm(forms.Form):
    note = forms.CharField(label=_("填报说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("需求表（.xlsx 或 .csv）"))


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=60)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("开始填报"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("截止填报"), widget=forms.DateInput(attrs={"type": "date"}))
    industries = forms.ModelMultipleChoiceField(
        label=_("面向产业"), queryset=Industry.objects.order_by("order"), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("不选表示面向所有产业"),
    )


class WeightsForm(forms.Form):
    reason = forms.CharField(label=_("修改原因"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in DEFAULT_WEIGHTS:
            self.fields[key] = forms.DecimalField(
                label=RankingWeights._meta.get_field(key).verbose_name, min_value=0, max_value=1, decimal_places=2,
                widget=forms.NumberInput(attrs={"step": "0.01"}),
            )
        self.order_fields([*DEFAULT_WEIGHTS, "reason"])


class FilterForm(forms.Form):
    """The analysis filters from the query string; unknown values are ignored rather than refused."""

    # Out of range (beyond a database integer, a year outside 2000–2100) is as unknown as any other bad value.
    campaign = forms.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    industry = forms.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
    district = forms.IntegerField(required=False, min_value=1, max_value=10**18 - 1)
    level = forms.IntegerField(required=False, min_value=1, max_value=8)
    occupation = forms.RegexField(regex=r"^[1-8](-\d{0,2}){0,3}$", required=False)
    dims = forms.MultipleChoiceField(choices=list(DIMENSION_LABELS.items()), required=False)
    state = forms.ChoiceField(choices=[("", "")] + ReportState.choices, required=False)

    def filters(self, *, default_year: int | None = None) -> DemandFilters:
        data = self.cleaned_data if self.is_valid() else {}
        campaign = data.get("campaign")
        # A chosen campaign fixes the year; the year box (pre-set to the latest) must not empty the result.
        year = None if campaign is not None else (data.get("year") or default_year)
        level = data.get("level")
        return DemandFilters(
            campaign_id=campaign, year=year, industry_id=data.get("industry"), district_id=data.get("district"),
            level=level if level in SkillLevel.values else None, occupation=data.get("occupation") or "",
        )

    def dimensions(self) -> list[str]:
        return (self.cleaned_data.get("dims") if self.is_valid() else None) or ["occupation", "level"]


def district_choices() -> list[District]:
    return list(District.objects.order_by("code"))


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("职工花名册（.xlsx 或 UTF-8 .csv）"))
