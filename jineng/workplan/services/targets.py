"""Indicator settings and the split of targets among the 16 districts (分解下达): typed in or uploaded."""
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts import permissions
from jineng.core import metrics
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, ImportRejected
from jineng.core.models import District
from jineng.core.spreadsheets import read_xlsx_rows
from jineng.workplan.choices import IndicatorSource, TargetKind
from jineng.workplan.engine.pace import profile_errors
from jineng.workplan.models import DistrictTarget, Indicator, Plan

TEMPLATE_HEADERS = ["指标编号", "指标", "区划代码", "区", "分解目标"]


def _check_manager(by) -> None:
    if not permissions.user_can(by, permissions.MANAGE_PLAN):
        raise DomainError(_("只有专班办公室可以修改指标和分解目标"))


def indicator_update(
    *, indicator: Indicator, by, pace_profile: list, source: str, metric_key: str = "", reason: str = ""
) -> Indicator:
    _check_manager(by)
    errors = profile_errors(pace_profile)
    if source not in IndicatorSource.values:
        errors.append(_("数据来源不正确"))
    if source == IndicatorSource.METRIC and not metric_key:
        errors.append(_("数据来源为系统计算时须选择系统指标"))
    if metric_key:
        try:
            metrics.get_metric(metric_key)
        except metrics.UnknownMetric:
            errors.append(_("系统指标“{metric_key}”不存在").format(metric_key=metric_key))
    if errors:
        raise DomainError(_("；").join(errors))
    indicator.pace_profile = [str(Decimal(str(value))) for value in pace_profile]
    if metric_key != indicator.metric_key:  # the office's choice (a binding or an unbinding) outlasts re-imports
        indicator.metric_chosen = True
    indicator.source, indicator.metric_key = source, metric_key
    save_audited(indicator, by=by, reason=reason or gettext_noop("修改指标设置"))
    return indicator


def district_targets_set(*, indicator: Indicator, values: dict[str, Decimal], by, reason: str = "") -> None:
    """Replace the indicator's district split. Codes not given keep no target."""
    _check_manager(by)
    if indicator.kind != TargetKind.QUANTITY:
        raise DomainError(_("只有数量型指标可以分解到区"))
    districts = {d.code: d for d in District.objects.all()}
    unknown = [code for code in values if code not in districts]
    if unknown:
        raise DomainError(_("区划代码不存在：{items}").format(items=_("、").join(unknown)))
    negative = [code for code, value in values.items() if value < 0]
    if negative:
        raise DomainError(_("分解目标不能为负数：{items}").format(items=_("、").join(districts[c].name for c in negative)))
    with transaction.atomic():
        _store(indicator, {districts[c]: v for c, v in values.items()}, by, reason or _("分解下达目标"))


def _store(indicator: Indicator, values: dict[District, Decimal], by, reason: str) -> int:
    existing = {t.district_id: t for t in DistrictTarget.objects.filter(indicator=indicator)}
    changed = 0
    for district, value in values.items():
        current = existing.pop(district.pk, None)
        if current is None:
            save_audited(DistrictTarget(indicator=indicator, district=district, value=value), by=by, reason=reason)
            changed += 1
        elif current.value != value:
            current.value = value
            save_audited(current, by=by, reason=reason, update_fields=["value"])
            changed += 1
    for stale in existing.values():
        stale._history_user, stale._change_reason = by, reason
        stale.delete()
        changed += 1
    return changed


def district_targets_import(*, plan: Plan, content: bytes, by) -> int:
    """Upload of the template (one row per indicator and district): all-or-nothing and idempotent.

    Every indicator named in the file gets exactly the districts in the file. Returns rows changed.
    """
    _check_manager(by)
    rows = read_xlsx_rows(content)
    header_index = _header(rows)
    indicators = {i.code: i for i in Indicator.objects.filter(task__plan=plan, kind=TargetKind.QUANTITY).select_related("task")}
    districts = {d.code: d for d in District.objects.all()} | {d.name: d for d in District.objects.all()}
    parsed: dict[Indicator, dict[District, Decimal]] = {}
    errors = []
    for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        if not any(cell.strip() for cell in row):
            continue
        _parse_row(number, dict(zip(rows[header_index], row, strict=False)), indicators, districts, parsed, errors)
    if not parsed and not errors:
        errors.append(_("文件中没有数据行"))
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        return sum(_store(indicator, values, by, _("上传分解目标")) for indicator, values in parsed.items())


def _header(rows: list[list[str]]) -> int:
    for index, row in enumerate(rows[:10]):
        cells = [cell.replace(" ", "") for cell in row]
        if "指标编号" in cells and "分解目标" in cells and ("区划代码" in cells or "区" in cells):
            rows[index] = cells
            return index
    raise ImportRejected([_("未找到表头：需要包含 指标编号、区划代码（或 区）、分解目标 三列，请使用下载的模板")])


def _parse_row(number, cells, indicators, districts, parsed, errors) -> None:
    code = cells.get("指标编号", "").strip()
    indicator = indicators.get(code)
    if indicator is None:
        errors.append(_("第 {number} 行“指标编号”：“{code}”不是本年度的数量型指标").format(number=number, code=code))
        return
    key = cells.get("区划代码", "").strip() or cells.get("区", "").strip()
    district = districts.get(key)
    if district is None:
        errors.append(_("第 {number} 行“区划代码”：“{key}”不是本市的区").format(number=number, key=key))
        return
    raw = cells.get("分解目标", "").replace(",", "").strip()
    if not raw:  # a blank cell leaves the district without a share
        parsed.setdefault(indicator, {})
        return
    try:
        value = Decimal(raw)
    except InvalidOperation:
        errors.append(_("第 {number} 行“分解目标”：“{raw}”不是数字").format(number=number, raw=raw))
        return
    if not value.is_finite() or value < 0:
        errors.append(_("第 {number} 行“分解目标”：不能为负数").format(number=number))
        return
    if district in parsed.setdefault(indicator, {}):
        errors.append(_("第 {number} 行：指标 {code} 的{name}重复出现").format(number=number, code=code, name=district.name))
        return
    parsed[indicator][district] = value


def district_targets_template_rows(*, plan: Plan) -> list[list]:
    rows = []
    indicators = Indicator.objects.filter(task__plan=plan, kind=TargetKind.QUANTITY).select_related("task")
    current = {(t.indicator_id, t.district_id): t.value for t in DistrictTarget.objects.filter(indicator__task__plan=plan)}
    districts = list(District.objects.order_by("code"))
    for indicator in indicators.order_by("task__number", "ordinal"):
        for district in districts:
            rows.append([indicator.code, indicator.label, district.code, district.name, current.get((indicator.pk, district.pk), "")])
    return rows
