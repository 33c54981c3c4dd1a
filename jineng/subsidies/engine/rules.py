"""The arithmetic of each scheme: one rule function per kind of calculation, registered by name.

A scheme names its rule in schemes.csv (``rule``); a function registered under the scheme's own code wins,
so a scheme with new arithmetic needs one function here and rows in the data files, nothing else.
Every figure comes from the parameters in force; every step is written to the trace.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from jineng.core.engine.messages import gettext_noop
from jineng.subsidies.engine.contracts import (
    CATEGORY_NAMES,
    KEY_SUPPORT,
    LEVEL_NAMES,
    URGENT,
    Case,
    Parameter,
    Quote,
    QuoteError,
    Step,
    yuan,
)

Parameters = Mapping[str, Parameter]
Rule = Callable[[Case, Parameters], Quote]
RULES: dict[str, Rule] = {}


def register_rule(name: str) -> Callable[[Rule], Rule]:
    def decorator(function: Rule) -> Rule:
        RULES[name] = function
        return function

    return decorator


def parameters_in_force(parameters, *, on: date) -> dict[str, Parameter]:
    """The value of each key in force on a day; of overlapping rows the latest valid_from wins."""
    chosen: dict[str, Parameter] = {}
    for parameter in sorted(parameters, key=lambda p: p.valid_from):
        if parameter.in_force_on(on):
            chosen[parameter.key] = parameter
    return chosen


def quote(case: Case, parameters: Parameters) -> Quote:
    """The amount of ``case`` with its trace, from ``parameters`` (the values in force on the case's date)."""
    rule = RULES.get(case.scheme_code) or RULES.get(case.rule)
    if rule is None:
        raise QuoteError(f"补贴项目“{case.scheme_code}”没有登记计算规则")
    return rule(case, parameters)


def _need(parameters: Parameters, key: str, message: str) -> Parameter:
    parameter = parameters.get(key)
    if parameter is None:
        raise QuoteError(message)
    return parameter


def _step(label: str, detail: str, value, parameter: Parameter | None = None) -> Step:
    if parameter is None:
        return Step(label, detail, str(value))
    return Step(label, detail, str(value), parameter.version, parameter.source)


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _finish(trace: list[Step], raw: Decimal, used: list[Parameter]) -> Quote:
    amount = yuan(raw)
    trace.append(Step(gettext_noop("取整"), "按元角分四舍五入（ROUND_HALF_UP）", f"{amount}"))
    return Quote(amount=amount, trace=tuple(trace), versions=tuple(p.version for p in used))


@register_rule("certificate")
def certificate_rule(case: Case, parameters: Parameters) -> Quote:
    """standard[level] × (1 + uplift of the catalogue) × share[category] (DOMAIN §4.1–4.3), rounded once."""
    trace: list[Step] = []
    used: list[Parameter] = []
    if case.level is None:
        standard = _need(parameters, "standard.no_level", "该补贴项目不补贴不分等级的证书")
        level_name = "不分等级（职业资格证书/专项职业能力）"
    else:
        level_name = LEVEL_NAMES.get(case.level, str(case.level))
        standard = _need(parameters, f"standard.level.{case.level}", f"该补贴项目没有“{level_name}”证书的补贴标准")
    used.append(standard)
    trace.append(_step(gettext_noop("补贴标准"), f"证书等级：{level_name}", f"{standard.value:.2f} 元", standard))
    amount = standard.value

    uplift, uplift_step = _uplift(case, parameters)
    if uplift_step is not None:
        trace.append(uplift_step)
    if uplift is not None:
        used.append(uplift)
        amount = amount * (1 + uplift.value)

    category_name = CATEGORY_NAMES.get(case.applicant_category, case.applicant_category)
    share = _need(parameters, f"share.{case.applicant_category}", f"“{category_name}”不在该补贴项目的申领人员范围内")
    minimum = parameters.get(f"min_level.{case.applicant_category}")
    if minimum is not None and (case.level is None or case.level < int(minimum.value)):
        raise QuoteError(f"{category_name}须取得{LEVEL_NAMES[int(minimum.value)]}及以上证书方可申领")
    used.append(share)
    trace.append(_step(gettext_noop("个人比例"), f"人员类别：{category_name}", _pct(share.value), share))
    amount = amount * share.value
    trace.append(Step(gettext_noop("计算"), "标准 ×（1 + 上浮）× 比例", f"{amount:.4f}"))
    return _finish(trace, amount, used)


def _uplift(case: Case, parameters: Parameters) -> tuple[Parameter | None, Step | None]:
    """The highest uplift among the catalogues the occupation is listed in on the certificate date."""
    best: tuple[Parameter, str] | None = None
    skipped = []
    for membership in case.memberships:
        if membership.kind not in (KEY_SUPPORT, URGENT):
            continue
        if membership.listed_on and case.certificate_date and case.certificate_date < membership.listed_on:
            skipped.append(f"证书早于《{membership.catalogue}》发布（{membership.listed_on}），不上浮")
            continue
        parameter = parameters.get(f"uplift.{membership.kind}")
        if parameter is not None and (best is None or parameter.value > best[0].value):
            best = (parameter, membership.catalogue)
    if best is None:
        detail = "；".join(skipped) or "职业不在重点支持或急需紧缺目录内"
        return None, Step(gettext_noop("目录上浮"), detail, "0%")
    parameter, catalogue = best
    return parameter, _step(gettext_noop("目录上浮"), f"列入《{catalogue}》", _pct(parameter.value), parameter)


@register_rule("course")
def course_rule(case: Case, parameters: Parameters) -> Quote:
    """Enterprise employee training: class hours × rate per hour, capped per enrolment."""
    rate = _need(parameters, "rate.per_class_hour", "该补贴项目没有课时费率")
    hours = case.class_hours or 0
    if hours <= 0:
        raise QuoteError("培训记录没有课时，无法计算补贴")
    trace = [_step(gettext_noop("课时费率"), "每课时补贴", f"{rate.value:.2f} 元", rate),
             Step(gettext_noop("课时"), "培训项目核定课时", str(hours))]
    amount = rate.value * hours
    used = [rate]
    cap = parameters.get("cap.per_enrolment")
    if cap is not None:
        used.append(cap)
        capped = min(amount, cap.value)
        trace.append(_step(gettext_noop("上限"), f"每人次不超过 {cap.value:.2f} 元", f"{capped:.2f} 元", cap))
        amount = capped
    return _finish(trace, amount, used)


@register_rule("apprentice")
def apprentice_rule(case: Case, parameters: Parameters) -> Quote:
    """New-type apprenticeship: a standard per apprentice per year, paid to the enterprise."""
    standard = _need(parameters, "standard.per_year", "该补贴项目没有每人每年标准")
    year = case.period_year or (case.certificate_date.year if case.certificate_date else "")
    trace = [_step(gettext_noop("补贴标准"), f"每名学徒每年（{year} 年度）", f"{standard.value:.2f} 元", standard)]
    return _finish(trace, standard.value, [standard])
