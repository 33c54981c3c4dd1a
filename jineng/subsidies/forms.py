"""Forms of the subsidy pages: parse and validate input, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Occupation, WorkType
from jineng.occupations.selectors import occupation_by_code
from jineng.subsidies.choices import ApplicantCategory
from jineng.subsidies.models import Scheme

CERTIFICATE_LEVELS = [("", _("不分等级（职业资格证书、专项职业能力）"))] + [
    (str(level.value), level.label) for level in SkillLevel if 1 <= level.value <= 5
]


def occupation_from_text(text: str) -> Occupation | None:
    """"6-25-04-05 数控车工" or "6-25-04-05": the code is the first word."""
    code = (text or "").strip().split(" ")[0]
    return occupation_by_code(code)


class QuoteForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("补贴项目"), queryset=Scheme.objects.filter(is_active=True).order_by("family", "code"),
                                    to_field_name="code", empty_label=None)
    occupation = forms.CharField(label=_("职业（编码或名称）"), max_length=100, required=False,
                                 widget=forms.TextInput(attrs={"list": "occupation-options", "autocomplete": "off",
                                                               "placeholder": "6-25-04-05"}))
    work_type = forms.CharField(label=_("工种"), max_length=80, required=False)
    level = forms.ChoiceField(label=_("证书等级"), choices=CERTIFICATE_LEVELS, required=False)
    applicant_category = forms.ChoiceField(label=_("人员类别"), choices=ApplicantCategory.choices, required=False)
    certificate_date = forms.DateField(label=_("发证日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    class_hours = forms.IntegerField(label=_("课时（企业职工培训）"), min_value=1, max_value=2000, required=False)
    period_year = forms.IntegerField(label=_("年度（学徒制）"), min_value=2019, max_value=2100, required=False)

    def clean(self):
        data = super().clean()
        text = data.get("occupation", "")
        data["occupation_obj"] = occupation_from_text(text)
        if text and data["occupation_obj"] is None:
            self.add_error("occupation", _("没有这个职业编码，请从下拉建议中选择"))
        work_type = (data.get("work_type") or "").strip()
        data["work_type_obj"] = None
        if work_type and data["occupation_obj"] is not None:
            data["work_type_obj"] = WorkType.objects.filter(occupation=data["occupation_obj"], name=work_type).first()
            if data["work_type_obj"] is None:
                self.add_error("work_type", _("该职业下没有这个工种"))
        data["level_value"] = int(data["level"]) if data.get("level") else None
        return data

    def engine_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"scheme": data["scheme"], "occupation": data["occupation_obj"], "work_type": data["work_type_obj"],
                "level": data["level_value"], "applicant_category": data.get("applicant_category") or "",
                "certificate_date": data.get("certificate_date"), "class_hours": data.get("class_hours"),
                "period_year": data.get("period_year")}


class EnrolmentClaimForm(forms.Form):
    """An institution claims on a trainee's behalf: which enrolment, which scheme, which category."""

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    scheme = forms.ModelChoiceField(label=_("补贴项目"), empty_label=None, to_field_name="code",
                                    queryset=Scheme.objects.filter(is_active=True, beneficiary="person").order_by("family"))
    applicant_category = forms.ChoiceField(label=_("人员类别"), choices=ApplicantCategory.choices)


class EnterpriseClaimForm(forms.Form):
    """An enterprise claims for an apprentice and year, or for an employee's enrolment."""

    apprenticeship = forms.IntegerField(required=False, widget=forms.HiddenInput)
    enrolment = forms.IntegerField(required=False, widget=forms.HiddenInput)
    period_year = forms.IntegerField(label=_("年度"), min_value=2019, max_value=2100, required=False)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("不予核准理由"), max_length=300,
                             widget=forms.TextInput(attrs={"placeholder": _("例如：证书信息与发证机构记录不符")}))


class BatchCreateForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("补贴项目"), queryset=Scheme.objects.order_by("family", "code"),
                                    required=False, empty_label=_("全部"))
    district = forms.ModelChoiceField(label=_("区"), queryset=District.objects.order_by("code"), required=False,
                                      empty_label=_("全部"))
    limit = forms.IntegerField(label=_("最多笔数"), min_value=1, max_value=5000, required=False)


class FailForm(forms.Form):
    reason = forms.CharField(label=_("失败原因"), max_length=200)


class ParameterForm(forms.Form):
    scheme = forms.ModelChoiceField(label=_("补贴项目"), queryset=Scheme.objects.order_by("family", "code"),
                                    to_field_name="code", empty_label=None)
    key = forms.CharField(label=_("参数"), max_length=60)
    value = forms.DecimalField(label=_("取值"), max_digits=12, decimal_places=4, min_value=0)
    valid_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("依据（文件、网址）"), max_length=300)
