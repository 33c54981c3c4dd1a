from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.subsidies.choices import ApplicantCategory
from jineng.subsidies.models import Scheme

# What a worker may say about themself when claiming a personal skill-upgrading subsidy (the unemployment
# insurance categories need the insurer's record and stay with the institutions' claims).
WORKER_CATEGORIES = [
    (value, label) for value, label in ApplicantCategory.choices
    if value not in (ApplicantCategory.INSURED_EMPLOYEE, ApplicantCategory.UI_RECIPIENT)
]


class ResidentLoginForm(forms.Form):
    username = forms.CharField(label=_("登录名"), max_length=40)
    password = forms.CharField(label=_("密码"), max_length=128, strip=False, widget=forms.PasswordInput)


class WorkerClaimForm(forms.Form):
    scheme = forms.ModelChoiceField(
        label=_("补贴项目"), empty_label=None, to_field_name="code",
        queryset=Scheme.objects.filter(is_active=True, beneficiary="person", family="A").order_by("code"))
    applicant_category = forms.ChoiceField(label=_("人员类别"), choices=WORKER_CATEGORIES,
                                           initial=ApplicantCategory.EMPLOYED)
