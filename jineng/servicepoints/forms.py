from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.servicepoints.choices import PointKind
from jineng.servicepoints.services import PointFields


class PointForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=120)
    kind = forms.ChoiceField(label=_("类型"), choices=PointKind.choices)
    district = forms.ModelChoiceField(label=_("所在区"), queryset=District.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200)
    lon = forms.DecimalField(label=_("经度（GCJ-02）"), max_digits=9, decimal_places=6, min_value=-180, max_value=180)
    lat = forms.DecimalField(label=_("纬度（GCJ-02）"), max_digits=9, decimal_places=6, min_value=-90, max_value=90)
    hours = forms.CharField(label=_("开放时间"), max_length=120, required=False,
                            help_text=_("如：周一至周五 9:00–17:00"))
    opened_date = forms.DateField(label=_("启用日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    is_active = forms.BooleanField(label=_("在用"), required=False, initial=True)

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = districts
        if districts.count() == 1:
            self.fields["district"].initial = districts.first()

    def point_fields(self) -> PointFields:
        return PointFields(**self.cleaned_data)
