from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.evaluation.models import EvaluationBody
from jineng.library.choices import AccessLevel, DocumentKind
from jineng.occupations.choices import SkillLevel
from jineng.occupations.forms import OccupationField
from jineng.occupations.models import WorkType


def _bodies():
    return EvaluationBody.objects.order_by("name")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=160)
    kind = forms.ChoiceField(label=_("资料类别"), choices=DocumentKind.choices)
    access = forms.ChoiceField(label=_("访问级别"), choices=AccessLevel.choices,
                               help_text=_("公开：任何人；评价机构：各评价机构与监管部门；限定机构：仅下列共享机构"))
    occupation = OccupationField(label=_("职业"), required=False, max_length=100,
                                 help_text=_("职业编码，如 6-18-01-01"))
    work_type = forms.CharField(label=_("工种"), required=False, max_length=80)
    special_item = forms.CharField(label=_("专项职业能力"), required=False, max_length=80)
    level = forms.TypedChoiceField(label=_("等级"), choices=[("", "—"), *SkillLevel.choices], coerce=int,
                                   required=False, empty_value=None)
    description = forms.CharField(label=_("说明"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    shared_with = forms.ModelMultipleChoiceField(label=_("共享机构"), queryset=EvaluationBody.objects.none(),
                                                 required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    file = forms.FileField(label=_("文件"))
    note = forms.CharField(label=_("版本说明"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = _bodies()

    def clean(self):
        cleaned = super().clean()
        occupation, name = cleaned.get("occupation"), (cleaned.get("work_type") or "").strip()
        cleaned["work_type"] = None
        if name:
            if occupation is None:
                self.add_error("work_type", _("填写工种前请先选择职业"))
            else:
                cleaned["work_type"] = WorkType.objects.filter(occupation=occupation, name=name).first()
                if cleaned["work_type"] is None:
                    self.add_error("work_type", _("职业“%(occupation)s”下没有工种“%(name)s”")
                                   % {"occupation": occupation.name, "name": name})
        return cleaned

    def document_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["upload"] = data.pop("file")
        data["shared_with"] = list(data["shared_with"])
        return data


class SharingForm(forms.Form):
    access = forms.ChoiceField(label=_("访问级别"), choices=AccessLevel.choices)
    shared_with = forms.ModelMultipleChoiceField(label=_("共享机构"), queryset=EvaluationBody.objects.none(),
                                                 required=False, widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = _bodies()


class VersionForm(forms.Form):
    file = forms.FileField(label=_("文件"))
    note = forms.CharField(label=_("版本说明"), required=False, max_length=300)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("起"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("止"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
