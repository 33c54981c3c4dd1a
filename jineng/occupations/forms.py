import re

from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.occupations.choices import CatalogueKind, SkillLevel
from jineng.occupations.models import CatalogueVersion, Industry, Occupation, WorkType
from jineng.occupations.selectors import industry_list, occupation_get

_CODE = re.compile(r"[1-8]-\d{2}-\d{2}-\d{2}")


class CatalogueVersionForm(forms.Form):
    kind = forms.ChoiceField(label=_("目录类别"), choices=CatalogueKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100,
                              error_messages={"invalid": _("年度应为四位数字，如 2025")})
    copy_from = forms.ModelChoiceField(label=_("复制自"), queryset=CatalogueVersion.objects.none(), required=False,
                                       empty_label=_("（不复制，从空目录开始）"))
    title = forms.CharField(label=_("标题"), max_length=120, required=False,
                            help_text=_("留空则按“年度＋目录类别＋版次”生成"))

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["copy_from"].queryset = versions


class OccupationField(forms.CharField):
    """A 2022 occupation typed as its code (6-18-01-01), picked from the list (6-18-01-01 车工) or named exactly."""

    def clean(self, value) -> Occupation | None:
        text = super().clean(value).strip()
        if not text:
            return None
        code = _CODE.search(text)
        occupation = occupation_get(code=code.group()) if code else None
        if occupation is None and not code:
            occupation = Occupation.objects.filter(classification="2022", name=text).first()
        if occupation is None:
            raise forms.ValidationError(
                _("未找到职业“%(text)s”：请输入 2022 年版大典的职业编码（如 6-18-01-01），或从候选列表中选择"),
                params={"text": text},
            )
        return occupation


class CatalogueEntryForm(forms.Form):
    # Rendered by hand in _entry_form.html: the input fills its <datalist> through an htmx search.
    occupation = OccupationField(label=_("职业"), required=False, max_length=100)
    work_type = forms.CharField(label=_("工种"), required=False, max_length=80)
    name = forms.CharField(label=_("项目名称"), required=False, max_length=80,
                           help_text=_("没有对应职业的培训项目或专项职业能力项目须填写"))
    levels = forms.TypedMultipleChoiceField(label=_("等级"), choices=SkillLevel.choices, coerce=int, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    industry = forms.ModelChoiceField(label=_("产业"), queryset=Industry.objects.none(), required=False,
                                      to_field_name="code", empty_label="—")
    reason = forms.CharField(label=_("列入理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    subsidy_uplift_pct = forms.DecimalField(
        label=_("补贴上浮比例（%）"), required=False, min_value=0, max_value=100, decimal_places=2,
        error_messages={"min_value": _("补贴上浮比例须在 0 到 100 之间"), "max_value": _("补贴上浮比例须在 0 到 100 之间"),
                        "invalid": _("补贴上浮比例应为数字，如 30")},
    )
    residence_policy = forms.BooleanField(label=_("适用居住证、落户政策"), required=False)
    effective_from = forms.DateField(label=_("生效日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    effective_to = forms.DateField(label=_("失效日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["industry"].queryset = industry_list()

    def clean(self):
        cleaned = super().clean()
        occupation, work_type = cleaned.get("occupation"), cleaned.get("work_type", "").strip()
        if work_type:
            if occupation is None:
                self.add_error("work_type", _("填写工种前请先选择职业"))
            else:
                cleaned["work_type"] = self._work_type(occupation, work_type)
        else:
            cleaned["work_type"] = None
        start, end = cleaned.get("effective_from"), cleaned.get("effective_to")
        if start and end and end < start:
            self.add_error("effective_to", _("失效日期不能早于生效日期"))
        return cleaned

    def _work_type(self, occupation: Occupation, name: str) -> WorkType | None:
        work_type = WorkType.objects.filter(occupation=occupation, name=name).first()
        if work_type is None:
            self.add_error("work_type", _("职业“%(occupation)s”下没有工种“%(name)s”，请核对或先在职业分类中维护该工种")
                           % {"occupation": occupation.name, "name": name})
        return work_type

    def entry_fields(self) -> dict:
        return dict(self.cleaned_data)

    @classmethod
    def initial_for(cls, entry) -> dict:
        return {
            "occupation": f"{entry.occupation.code} {entry.occupation.name}" if entry.occupation else "",
            "work_type": entry.work_type.name if entry.work_type else "",
            "name": entry.name, "levels": entry.levels, "industry": entry.industry.code if entry.industry else None,
            "reason": entry.reason, "subsidy_uplift_pct": entry.subsidy_uplift_pct,
            "residence_policy": entry.residence_policy, "effective_from": entry.effective_from,
            "effective_to": entry.effective_to,
        }  # fmt: skip


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("退回意见"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": _("退回须填写退回意见")})
