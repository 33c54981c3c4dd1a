from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.workplan.choices import IndicatorSource, ProgressStatus


class ReportForm(forms.Form):
    progress_status = forms.ChoiceField(label=_("进展状态"), choices=ProgressStatus.choices)
    narrative = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000)
    problems = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    next_steps = forms.CharField(label=_("下步打算"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)

    def __init__(self, *args, indicators=(), values=None, **kwargs):
        super().__init__(*args, **kwargs)
        values = values or {}
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[f"value_{indicator.pk}"] = forms.CharField(
                label=f"{indicator.label}（{indicator.unit}，1 月起累计）",
                required=False,
                initial=values.get(indicator.pk, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )

    def indicator_values(self) -> dict[int, str]:
        return {i.pk: self.cleaned_data.get(f"value_{i.pk}", "") for i in self.indicators}


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("审核意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class StartReportForm(forms.Form):
    task_number = forms.IntegerField(label=_("任务序号"), min_value=1)
    period = forms.RegexField(label=_("月份"), regex=r"^\d{4}-\d{2}$", error_messages={"invalid": _("月份格式应为 YYYY-MM")})


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class ReopenForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)
    period = forms.RegexField(regex=r"^\d{4}-\d{2}$", widget=forms.HiddenInput)
    until_date = forms.DateField(label=_("开放至"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("原因"), max_length=200)


class IndicatorForm(forms.Form):
    source = forms.ChoiceField(label=_("数据来源"), choices=IndicatorSource.choices)
    metric_key = forms.CharField(label=_("系统指标"), required=False, max_length=80)
    pace_profile = forms.CharField(
        label=_("月度进度曲线（12 个累计比例，逗号分隔）"), max_length=400, widget=forms.TextInput(attrs={"class": "wide"})
    )
    reason = forms.CharField(label=_("修改原因"), max_length=200)

    def profile(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["pace_profile"].replace("，", ",").split(",") if part.strip()]


class UploadForm(forms.Form):
    # An empty file reaches the reader, which says so in words the page shows (the form's own error is not shown).
    file = forms.FileField(label=_("文件"), allow_empty_file=True)
