from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jineng.core.identifiers import InvalidIdentifier, resident_id_parse, uscc_validate
from jineng.core.messages import message_text
from jineng.core.models import District
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry
from jineng.occupations.selectors import occupation_by_code
from jineng.training.choices import ExamResult, InstitutionKind, InstitutionStatus
from jineng.training.models import Institution, Site, TrainingProject

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
        occupation = occupation_by_code(code)
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


# Registration of institutions, their status, new-type apprentices -----------------------------------------


class InstitutionForm(forms.Form):
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=20,
                                  help_text=_("18 位，按 GB 32100 校验"))
    name = forms.CharField(label=_("机构名称"), max_length=100)
    kind = forms.ChoiceField(label=_("机构类型"), choices=InstitutionKind.choices)
    district = forms.ModelChoiceField(label=_("所在区"), queryset=District.objects.order_by("code"))
    licence_no = forms.CharField(label=_("办学许可证号"), max_length=40, required=False)
    licence_valid_until = forms.DateField(label=_("许可证有效期至"), widget=DATE, required=False)

    def clean_credit_code(self) -> str:
        try:
            return uscc_validate(self.cleaned_data["credit_code"])
        except InvalidIdentifier as exc:
            raise forms.ValidationError(message_text(exc.message)) from exc


class InstitutionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=InstitutionStatus.choices)
    reason = forms.CharField(label=_("变更原因"), max_length=80)


class UnechoedInput(forms.TextInput):
    """A resident ID typed in is never sent back in the page, even when the form is shown again with errors."""

    def format_value(self, value):
        return None


APPRENTICE_LEVELS = [(v, label) for v, label in SkillLevel.choices if 2 <= v <= 5]


class ApprenticeForm(forms.Form):
    resident_id = forms.CharField(label=_("身份证号"), max_length=20, widget=UnechoedInput(attrs={"autocomplete": "off"}),
                                  help_text=_("表单出错时需重新填写：页面不回显身份证号"))
    name = forms.CharField(label=_("姓名"), max_length=50)
    occupation = forms.CharField(
        label=_("职业"), max_length=100,
        # Search by code, name or pinyin initials: htmx fills the datalist from the classification's search.
        widget=forms.TextInput(attrs={
            "placeholder": "6-25-02-05 / 芯片 / bdtxp", "list": "occupation-options", "autocomplete": "off",
            "hx-get": reverse_lazy("occupations:list"), "hx-trigger": "input changed delay:300ms",
            "hx-target": "#occupation-options", "hx-swap": "innerHTML",
        }),
    )
    target_level = forms.TypedChoiceField(label=_("目标等级"), choices=APPRENTICE_LEVELS, coerce=int,
                                          initial=SkillLevel.L3)
    institution = forms.ModelChoiceField(label=_("合作培训机构（可不填）"), required=False,
                                         queryset=Institution.objects.filter(status="active").order_by("name"))
    start_date = forms.DateField(label=_("开始日期"), widget=DATE)
    end_date = forms.DateField(label=_("结束日期"), widget=DATE, help_text=_("培养期限 1 至 3 年"))
    district = forms.ModelChoiceField(label=_("企业所在区"), queryset=District.objects.order_by("code"),
                                      required=False)

    def __init__(self, *args, district_known: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if district_known:
            del self.fields["district"]
        else:
            self.fields["district"].required = True

    def clean_resident_id(self) -> str:
        try:
            return resident_id_parse(self.cleaned_data["resident_id"]).number
        except InvalidIdentifier as exc:
            raise forms.ValidationError(message_text(exc.message)) from exc

    def clean_occupation(self):
        """The datalist offers "6-25-02-05 半导体芯片制造工"; the code is what identifies the occupation."""
        value = self.cleaned_data["occupation"].strip()
        code = value.split()[0] if value else ""
        occupation = occupation_by_code(code)
        if occupation is None:
            raise forms.ValidationError(_("不是职业分类大典中的职业编码，请从下拉列表中选择"))
        return occupation
