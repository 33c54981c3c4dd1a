from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry, Occupation
from jineng.training.choices import ExamResult
from jineng.training.models import Site, TrainingProject

DATE = forms.DateInput(attrs={"type": "date"})
LEVEL_CHOICES = [("", _("不分等级")), *[(v, label) for v, label in SkillLevel.choices if 1 <= v <= 5]]


class SiteForm(forms.Form):
    name = forms.CharField(label=_("教学点名称"), max_length=120)
    address = forms.CharField(label=_("地址"), max_length=200)
    lon = forms.DecimalField(label=_("经度（GCJ-02）"), max_digits=9, decimal_places=6, min_value=120, max_value=123)
    lat = forms.DecimalField(label=_("纬度（GCJ-02）"), max_digits=9, decimal_places=6, min_value=30, max_value=32)


class ProjectForm(forms.Form):
    occupation = forms.CharField(label=_("职业编码"), max_length=10, widget=forms.TextInput(attrs={"placeholder": "4-10-01-05"}))
    level = forms.TypedChoiceField(label=_("等级"), choices=LEVEL_CHOICES, coerce=int, empty_value=None, required=False)
    industry = forms.ModelChoiceField(label=_("服务产业"), queryset=Industry.objects.order_by("order"), required=False)
    class_hours = forms.IntegerField(label=_("课时"), min_value=1, max_value=2000)
    fee = forms.DecimalField(label=_("收费标准（元/人）"), min_value=0, max_digits=9, decimal_places=2)
    approved_date = forms.DateField(label=_("核准日期"), widget=DATE)

    def clean_occupation(self):
        code = self.cleaned_data["occupation"].strip()
        occupation = Occupation.objects.filter(code=code).order_by("-classification").first()
        if occupation is None:
            raise forms.ValidationError(_("不是职业分类大典中的职业编码"))
        return occupation


class ClassForm(forms.Form):
    code = forms.CharField(label=_("班级编号"), max_length=40)
    project = forms.ModelChoiceField(label=_("培训项目"), queryset=TrainingProject.objects.none())
    site = forms.ModelChoiceField(label=_("教学点"), queryset=Site.objects.none())
    start_date = forms.DateField(label=_("开班日期"), widget=DATE)
    end_date = forms.DateField(label=_("结业日期"), widget=DATE)
    capacity = forms.IntegerField(label=_("核定人数"), min_value=1, max_value=10_000)
    teachers = forms.CharField(label=_("授课教师"), max_length=200, required=False)
    is_subsidised = forms.BooleanField(label=_("补贴性培训"), required=False, initial=True)

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (institution.projects.filter(status="approved")
                                           .select_related("occupation", "work_type").order_by("occupation__code", "level"))
        self.fields["site"].queryset = institution.sites.filter(is_active=True).order_by("name")


class OutcomeForm(forms.Form):
    completed_date = forms.DateField(label=_("结业日期"), widget=DATE, required=False)
    hours_attended = forms.IntegerField(label=_("出勤课时"), min_value=0, max_value=32767)
    exam_result = forms.ChoiceField(label=_("考核结果"), choices=ExamResult.choices, required=False)
    certificate_no = forms.CharField(label=_("证书编号"), max_length=40, required=False)
    certificate_date = forms.DateField(label=_("发证日期"), widget=DATE, required=False)
    dropped = forms.BooleanField(label=_("退训"), required=False)


class InspectionForm(forms.Form):
    inspected_date = forms.DateField(label=_("检查日期"), widget=DATE)
    score = forms.IntegerField(label=_("检查得分"), min_value=0, max_value=100)
    findings = forms.CharField(label=_("检查发现"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class RevealForm(forms.Form):
    reason = forms.CharField(label=_("查看事由"), max_length=200)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("培训记录文件（.csv 或 .xlsx）"))
