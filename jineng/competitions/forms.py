"""The event form of the office and the district governments: plan year, occupation, level, dates, registration
window, venue, capacity and (for a new event) the marking scheme. The service checks the rules between fields and
names the field in each refusal."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from jineng.accounts.permissions import user_district_id
from jineng.competitions.choices import AspectKind, Tier
from jineng.competitions.models import Event
from jineng.core.capabilities import user_can
from jineng.core.models import District
from jineng.evaluation.choices import BodyStatus
from jineng.evaluation.models import EvaluationBody
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Industry
from jineng.occupations.selectors import occupation_by_code

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEVELS = [(v, label) for v, label in SkillLevel.choices if 1 <= v <= 5]
KINDS = {"测量": AspectKind.MEASUREMENT, "measurement": AspectKind.MEASUREMENT,
         "评价": AspectKind.JUDGEMENT, "judgement": AspectKind.JUDGEMENT}
DEFAULT_ASPECTS = "A，实际操作，测量，60\nB，工艺与安全，测量，15\nC，作品质量，评价，25"


def _label(name: str) -> str:
    return Event._meta.get_field(name).verbose_name


class EventForm(forms.Form):
    year = forms.IntegerField(label=_("计划年度"), min_value=2000, max_value=2100,
                              help_text=_("赛项列入该年度的职业技能月月赛计划，下一版计划发布时公布"))
    code = forms.CharField(label=_label("code"), max_length=20)
    title = forms.CharField(label=_label("title"), max_length=120)
    tier = forms.ChoiceField(label=_label("tier"), choices=Tier.choices)
    occupation = forms.CharField(label=_("职业编码"), max_length=10,
                                 widget=forms.TextInput(attrs={"placeholder": "6-18-01-01"}))
    industry = forms.ModelChoiceField(label=_label("industry"), queryset=Industry.objects.order_by("order"),
                                      required=False)
    level_awarded = forms.TypedChoiceField(label=_label("level_awarded"), choices=LEVELS, coerce=int)
    district = forms.ModelChoiceField(label=_label("district"), queryset=District.objects.order_by("code"))
    venue = forms.CharField(label=_label("venue"), max_length=120)
    lon = forms.DecimalField(label=_label("lon"), max_digits=9, decimal_places=6)
    lat = forms.DecimalField(label=_label("lat"), max_digits=9, decimal_places=6)
    start_date = forms.DateField(label=_label("start_date"), widget=DATE)
    end_date = forms.DateField(label=_label("end_date"), widget=DATE)
    registration_opens = forms.DateField(label=_label("registration_opens"), widget=DATE)
    registration_closes = forms.DateField(label=_label("registration_closes"), widget=DATE)
    capacity = forms.IntegerField(label=_label("capacity"), min_value=1, max_value=100_000)
    body = forms.ModelChoiceField(label=_label("body"), required=False, queryset=EvaluationBody.objects.none(),
                                  help_text=_("成绩公示期满后由该机构发放证书"))
    min_age = forms.IntegerField(label=_label("min_age"), min_value=14, max_value=80, required=False, initial=16)
    one_per_window = forms.BooleanField(label=_label("one_per_window"), required=False)
    description = forms.CharField(label=_label("description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    aspects = forms.CharField(label=_("评分方案"), initial=DEFAULT_ASPECTS, widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("每行一个评分项：编号，名称，评分方式（测量或评价），满分"))

    def __init__(self, *args, user, event: Event | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["body"].queryset = EvaluationBody.objects.filter(status=BodyStatus.PUBLISHED).order_by("name")
        if not user_can(user, "competitions.see_all"):
            self.fields["district"].queryset = District.objects.filter(pk=user_district_id(user))
        if event is not None:  # the code keys the plan's versions; the marking scheme may have marks
            del self.fields["code"], self.fields["aspects"]

    def clean_occupation(self):
        code = self.cleaned_data["occupation"].strip()
        occupation = occupation_by_code(code)
        if occupation is None:
            raise forms.ValidationError(_("不是职业分类大典中的职业编码"))
        return occupation

    def clean_aspects(self) -> list[tuple[str, str, str, Decimal]]:
        rows = []
        for n, line in enumerate(self.cleaned_data["aspects"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in re.split(r"[,，\t]", line)]
            kind = KINDS.get(parts[2]) if len(parts) == 4 else None
            try:
                mark = Decimal(parts[3]) if kind else None
            except InvalidOperation:
                mark = None
            if kind is None or mark is None or not parts[0] or not parts[1] or not 0 < mark < 10000:
                raise forms.ValidationError(
                    _("第 %(n)s 行应为“编号，名称，测量或评价，满分”") % {"n": n})
            rows.append((parts[0][:8], parts[1][:80], kind, mark))
        if not rows:
            raise forms.ValidationError(_("评分方案至少须有一个评分项"))
        return rows


def event_initial(event: Event) -> dict:
    fields = ("title", "tier", "industry", "level_awarded", "district", "venue", "lon", "lat", "start_date",
              "end_date", "registration_opens", "registration_closes", "capacity", "body", "min_age",
              "one_per_window", "description")
    return {"year": event.plan.year, "occupation": event.occupation.code,
            **{name: getattr(event, name) for name in fields}}
