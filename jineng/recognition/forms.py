from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.identifiers import InvalidIdentifier, resident_id_parse
from jineng.core.messages import message_text
from jineng.occupations.choices import SkillLevel
from jineng.occupations.forms import OccupationField
from jineng.recognition.choices import APPOINTED_LEVELS, CERTIFICATE_LEVELS

DATE = forms.DateInput(attrs={"type": "date"})


class PersonFields(forms.Form):
    resident_id = forms.CharField(label=_("身份证号"), max_length=18, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    name = forms.CharField(label=_("姓名"), max_length=40)

    def clean_resident_id(self) -> str:
        try:
            return resident_id_parse(self.cleaned_data["resident_id"]).number
        except InvalidIdentifier as exc:
            raise forms.ValidationError(message_text(exc.message)) from exc


class AppointmentForm(PersonFields):
    occupation = OccupationField(label=_("职业"), max_length=100, help_text=_("职业编码，如 6-18-01-01"))
    level = forms.TypedChoiceField(label=_("等级"), coerce=int,
                                   choices=[(level.value, level.label) for level in APPOINTED_LEVELS])
    appointed_on = forms.DateField(label=_("聘任日期"), widget=DATE)
    term_years = forms.IntegerField(label=_("聘期（年）"), min_value=1, max_value=10, initial=3)
    document_number = forms.CharField(label=_("聘任文号"), max_length=60)


class OverseasForm(PersonFields):
    country = forms.CharField(label=_("颁证国家（地区）"), max_length=60)
    issuing_body = forms.CharField(label=_("颁证机构"), max_length=120)
    certificate_title = forms.CharField(label=_("证书名称"), max_length=160)
    certificate_number = forms.CharField(label=_("证书编号"), max_length=60)
    issued_on = forms.DateField(label=_("发证日期"), widget=DATE, required=False)
    occupation = OccupationField(label=_("对应职业"), max_length=100, help_text=_("职业编码，如 6-18-01-01"))
    level = forms.TypedChoiceField(label=_("对应等级"), coerce=int,
                                   choices=[(level.value, SkillLevel(level).label) for level in CERTIFICATE_LEVELS])
