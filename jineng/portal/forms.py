from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.core.models import District
from jineng.occupations.choices import CatalogueKind, SkillLevel
from jineng.portal.choices import ArticleKind, CourseSort
from jineng.portal.selectors.courses import CourseFilters, subsidy_categories


class CourseSearchForm(forms.Form):
    """Every field optional; a value out of range is dropped (the search never fails on its input)."""

    q = forms.CharField(label=_("关键词"), required=False, max_length=60)
    category = forms.ChoiceField(label=_("我的身份（测算补贴）"), required=False)
    district = forms.ModelChoiceField(label=_("区"), queryset=District.objects.none(), required=False,
                                      empty_label=_("全部"))
    level = forms.TypedChoiceField(label=_("等级"), required=False, coerce=int, empty_value=None,
                                   choices=[("", _("全部")), *SkillLevel.choices[1:6]])
    catalogue = forms.ChoiceField(label=_("目录"), required=False,
                                  choices=[("", _("全部")), *CatalogueKind.choices])
    start_from = forms.DateField(label=_("开班不早于"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    start_to = forms.DateField(label=_("开班不晚于"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    fee_min = forms.DecimalField(label=_("最低费用"), required=False, min_value=0, max_value=9999999,
                                 decimal_places=2)
    fee_max = forms.DecimalField(label=_("最高费用"), required=False, min_value=0, max_value=9999999,
                                 decimal_places=2)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=CourseSort.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.order_by("code")
        self.fields["category"].choices = [("", _("请选择")), *subsidy_categories()]

    def filters(self) -> CourseFilters:
        self.is_valid()
        data = {name: value for name, value in getattr(self, "cleaned_data", {}).items()}
        start_from, start_to = data.get("start_from"), data.get("start_to")
        return CourseFilters(
            q=(data.get("q") or "").strip(), district_id=data["district"].pk if data.get("district") else None,
            level=data.get("level"), catalogue=data.get("catalogue") or "",
            start_from=start_from if _sane(start_from) else None, start_to=start_to if _sane(start_to) else None,
            fee_min=_money(data.get("fee_min")), fee_max=_money(data.get("fee_max")),
            sort=data.get("sort") or CourseSort.START)

    def chosen_category(self) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("category") or ""


def _sane(day: date | None) -> bool:
    return day is not None and 1950 <= day.year <= 2100


def _money(value: Decimal | None) -> Decimal | None:
    return value if value is not None and value.is_finite() else None


class ArticleForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ArticleKind.choices)
    title = forms.CharField(label=_("标题"), max_length=120)
    summary = forms.CharField(label=_("摘要"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("正文"), max_length=50000, widget=forms.Textarea(attrs={"rows": 14}),
                           help_text=_("可使用段落、小标题、加粗、列表、引用、链接和表格；其他标记和脚本会被去除。"))
    image = forms.FileField(label=_("图片（PNG、JPEG、GIF 或 WebP，不超过 2 MB）"), required=False)
    image_alt = forms.CharField(label=_("图片说明（供读屏软件朗读）"), max_length=120, required=False)
    image_remove = forms.BooleanField(label=_("删除现有图片"), required=False)

    def article_fields(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "title": data["title"], "summary": data["summary"], "body": data["body"],
                "image": data.get("image"), "image_alt": data.get("image_alt") or ""}
