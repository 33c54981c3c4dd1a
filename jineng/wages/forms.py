from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.wages.choices import Ownership, ThresholdKey
from jineng.wages.models import SoeGroup


class FileForm(forms.Form):
    file = forms.FileField(label=_("文件（.xlsx 或 .csv）"))


class DistrictSurveyForm(forms.Form):
    district = forms.ModelChoiceField(label=_("区"), queryset=District.objects.order_by("code"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("调查表（.xlsx 或 .csv：职业编码、技能等级、人数）"))


class ThresholdForm(forms.Form):
    key = forms.ChoiceField(label=_("参数"), choices=ThresholdKey.choices)
    value = forms.DecimalField(label=_("取值"), max_digits=10, decimal_places=4, min_value=0)
    valid_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    source = forms.CharField(label=_("依据"), max_length=300)


class SoeReportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    skilled_workers = forms.IntegerField(label=_("技能劳动者人数"), min_value=0, max_value=10_000_000)
    high_skilled_workers = forms.IntegerField(label=_("高技能人才人数"), min_value=0, max_value=10_000_000)
    new_high_skilled = forms.IntegerField(label=_("新增高技能人才人数"), min_value=0, max_value=10_000_000)
    managers = forms.IntegerField(label=_("管理人员人数"), min_value=0, max_value=10_000_000)
    high_skilled_pay_growth = forms.DecimalField(label=_("高技能人才人均工资增幅（%）"), max_digits=6, decimal_places=2)
    manager_pay_growth = forms.DecimalField(label=_("管理人员人均工资增幅（%）"), max_digits=6, decimal_places=2)
    annual_salary = forms.BooleanField(label=_("高技能人才实行年薪制"), required=False)
    agreement_pay = forms.BooleanField(label=_("高技能人才实行协议工资制"), required=False)
    dual_track_posts = forms.BooleanField(label=_("技能与专业技术、管理岗位双向流动"), required=False)


class OwnershipForm(forms.Form):
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    ownership = forms.ChoiceField(label=_("所有制"), choices=Ownership.choices)
    group = forms.ModelChoiceField(label=_("所属集团"), queryset=SoeGroup.objects.order_by("name"), required=False)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("集团名称"), max_length=80)


class BenchmarkForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    skilled_workers = forms.IntegerField(label=_("全市技能劳动者人数"), min_value=1, max_value=100_000_000)
    new_high_skilled = forms.IntegerField(label=_("全市新增高技能人才人数"), min_value=0, max_value=100_000_000)
    source = forms.CharField(label=_("来源"), max_length=200)


class WindowForm(forms.Form):
    district = forms.ModelChoiceField(label=_("区"), queryset=District.objects.order_by("code"))
    name = forms.CharField(label=_("窗口名称"), max_length=80)
    address = forms.CharField(label=_("地址"), max_length=200)
    lon = forms.DecimalField(label=_("经度"), max_digits=9, decimal_places=6, min_value=120, max_value=123)
    lat = forms.DecimalField(label=_("纬度"), max_digits=9, decimal_places=6, min_value=30, max_value=32)
    hours = forms.CharField(label=_("办公时间"), max_length=100)
    phone = forms.CharField(label=_("电话"), max_length=40, required=False)
    is_active = forms.BooleanField(label=_("在用"), required=False, initial=True)
