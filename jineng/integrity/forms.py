from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.integrity.choices import FindingStatus, Grade, RiskRule


class FindingFilterForm(forms.Form):
    rule = forms.ChoiceField(label=_("规则"), required=False, choices=[("", _("全部规则")), *RiskRule.choices])
    status = forms.ChoiceField(label=_("核实结果"), required=False,
                               choices=[("", _("全部")), *FindingStatus.choices])
    district = forms.ModelChoiceField(label=_("区"), required=False, queryset=District.objects.order_by("code"),
                                      empty_label=_("全部区"))
    institution = forms.IntegerField(label=_("机构编号"), required=False, min_value=1,
                                     widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("核实结果"), choices=FindingStatus.choices, initial=FindingStatus.CONFIRMED)
    note = forms.CharField(label=_("核实说明"), max_length=300, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class RatingFilterForm(forms.Form):
    grade = forms.ChoiceField(label=_("等级"), required=False, choices=[("", _("全部等级")), *Grade.choices])
    district = forms.ModelChoiceField(label=_("区"), required=False, queryset=District.objects.order_by("code"),
                                      empty_label=_("全部区"))


class PersonLookupForm(forms.Form):
    """A resident ID typed by an officer: sent by POST only, so it never reaches a URL or an access log."""

    resident_id = forms.CharField(label=_("身份证号"), max_length=24,
                                  widget=forms.TextInput(attrs={"autocomplete": "off", "size": 22}))
    reason = forms.CharField(label=_("查询事由"), max_length=200,
                             widget=forms.TextInput(attrs={"size": 30, "placeholder": _("如：核实风险线索")}))
