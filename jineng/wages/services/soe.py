"""State-owned enterprises: ownership, groups, yearly reports and the city's benchmark."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.core.metrics import metrics_records_changed
from jineng.demand.models import EnterpriseProfile
from jineng.wages.choices import Ownership
from jineng.wages.models import CityBenchmark, EnterpriseOwnership, SoeGroup, SoeReport

GROWTH_LIMIT = Decimal("1000")
REPORT_FIELDS = ("skilled_workers", "high_skilled_workers", "new_high_skilled", "managers",
                 "high_skilled_pay_growth", "manager_pay_growth", "annual_salary", "agreement_pay",
                 "dual_track_posts")


def soe_group_add(*, name: str, by) -> SoeGroup:
    name = name.strip()
    if not name:
        raise DomainError(_("请填写集团名称"))
    if SoeGroup.objects.filter(name=name).exists():
        raise DomainError(_("该集团已登记"))
    return create_audited(SoeGroup, by=by, reason=_("登记市属国企集团"), name=name[:80])


def ownership_set(*, enterprise: EnterpriseProfile, ownership: str, group: SoeGroup | None, by) -> EnterpriseOwnership:
    if ownership not in Ownership.values:
        raise DomainError(_("未知的所有制类型"))
    if ownership == Ownership.MUNICIPAL_SOE and group is None:
        raise DomainError(_("市属国企须选择所属集团"))
    if ownership != Ownership.MUNICIPAL_SOE:
        group = None
    with transaction.atomic():
        found = EnterpriseOwnership.objects.select_for_update().filter(enterprise=enterprise).first()
        if found is None:
            found = create_audited(EnterpriseOwnership, by=by, reason=_("登记企业所有制"), enterprise=enterprise,
                                   ownership=ownership, group=group)
        elif (found.ownership, found.group_id) != (ownership, group.pk if group else None):
            found.ownership, found.group = ownership, group
            save_audited(found, by=by, reason=_("更改企业所有制"), update_fields=["ownership", "group"])
    metrics_records_changed("wages.SoeReport")
    return found


def is_soe(enterprise: EnterpriseProfile) -> bool:
    return EnterpriseOwnership.objects.filter(
        enterprise=enterprise, ownership__in=(Ownership.MUNICIPAL_SOE, Ownership.CENTRAL_SOE)).exists()


def soe_report_submit(*, enterprise: EnterpriseProfile, year: int, values: dict, by) -> SoeReport:
    """The enterprise's report for the year; a second submission for the same year replaces the figures."""
    if not is_soe(enterprise):
        raise NotAllowed(_("只有市属国企和在沪央企填报国企年度报告"))
    _check(values)
    fields = {name: values[name] for name in REPORT_FIELDS}
    with transaction.atomic():
        report = SoeReport.objects.select_for_update().filter(enterprise=enterprise, year=year).first()
        if report is None:
            report = create_audited(SoeReport, by=by, reason=_("填报国企年度报告"), enterprise=enterprise,
                                    year=year, submitted_by=by, **fields)
        else:
            for name, value in fields.items():
                setattr(report, name, value)
            report.submitted_by, report.submitted_at = by, timezone.now()
            save_audited(report, by=by, reason=_("更新国企年度报告"),
                         update_fields=[*REPORT_FIELDS, "submitted_by", "submitted_at"])
    metrics_records_changed("wages.SoeReport")
    return report


def _check(values: dict) -> None:
    if values["high_skilled_workers"] > values["skilled_workers"]:
        raise DomainError(_("高技能人才人数不能多于技能劳动者人数"))
    if values["new_high_skilled"] > values["high_skilled_workers"]:
        raise DomainError(_("新增高技能人才人数不能多于高技能人才人数"))
    for name in ("high_skilled_pay_growth", "manager_pay_growth"):
        if abs(values[name]) > GROWTH_LIMIT:
            raise DomainError(_("工资增幅应在 -1000% 到 1000% 之间"))


def city_benchmark_set(*, year: int, skilled_workers: int, new_high_skilled: int, source: str, by) -> CityBenchmark:
    if new_high_skilled > skilled_workers or skilled_workers <= 0:
        raise DomainError(_("全市技能劳动者人数应大于 0，且不少于新增高技能人才人数"))
    with transaction.atomic():
        found = CityBenchmark.objects.select_for_update().filter(year=year).first()
        if found is None:
            found = create_audited(CityBenchmark, by=by, reason=_("登记全市技能人才基数"), year=year,
                                   skilled_workers=skilled_workers, new_high_skilled=new_high_skilled,
                                   source=source[:200])
        else:
            found.skilled_workers, found.new_high_skilled, found.source = skilled_workers, new_high_skilled, source[:200]
            save_audited(found, by=by, reason=_("更新全市技能人才基数"),
                         update_fields=["skilled_workers", "new_high_skilled", "source"])
    metrics_records_changed("wages.SoeReport")
    return found
