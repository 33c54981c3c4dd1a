"""Automatic checks on a claim, over facts gathered by the service: pure functions, Chinese reasons.

Each check returns a CheckResult; ``claim_checks`` runs all that apply and the claim fails if any fails.
The database enforces the first two rules again (partial unique indexes), so a race cannot slip through.
"""

from calendar import monthrange
from datetime import date

from jineng.core.engine.messages import gettext_noop
from jineng.subsidies.engine.contracts import CATEGORY_NAMES, LEVEL_NAMES, CheckResult, ClaimFacts, Parameter
from jineng.subsidies.engine.rules import Parameters


def _level_name(level: int | None) -> str:
    return LEVEL_NAMES.get(level, "") if level is not None else "不分等级"


def _what(facts: ClaimFacts) -> str:
    work_type = f"（{facts.work_type}）" if facts.work_type else ""
    return f"{facts.occupation_name}{work_type}{_level_name(facts.level)}"


def _same_line(facts: ClaimFacts, prior) -> bool:
    return prior.occupation_code == facts.occupation_code and prior.work_type == facts.work_type


def _certificate_claims(facts: ClaimFacts):
    return [p for p in facts.prior if p.active and p.per_certificate]


def check_once_per_level(facts: ClaimFacts) -> CheckResult:
    """Same person + occupation + work type + level only once, across every per-certificate scheme."""
    label = gettext_noop("同一职业（工种）同一等级只享受一次")
    for prior in _certificate_claims(facts):
        if _same_line(facts, prior) and prior.level == facts.level:
            return CheckResult("once_per_level", label, False,
                               f"{_what(facts)}已申领过职业技能提升补贴（{prior.period_year} 年度），"
                               "同一职业（工种）同一等级只能享受一次。")
    return CheckResult("once_per_level", label, True)


def check_no_lower_after_higher(facts: ClaimFacts) -> CheckResult:
    label = gettext_noop("已享受较高等级的，不再补贴较低等级")
    if facts.level is None:
        return CheckResult("no_lower_level", label, True)
    for prior in _certificate_claims(facts):
        if _same_line(facts, prior) and prior.level is not None and prior.level > facts.level:
            return CheckResult("no_lower_level", label, False,
                               f"该人员已就同一职业（工种）的{_level_name(prior.level)}申领补贴（{prior.period_year} 年度），"
                               f"不再补贴较低的{_level_name(facts.level)}。")
    return CheckResult("no_lower_level", label, True)


def check_yearly_cap(facts: ClaimFacts, parameters: Parameters) -> CheckResult:
    label = gettext_noop("每人每年申领次数上限")
    cap = parameters.get("cap.per_year")
    if cap is None:
        return CheckResult("yearly_cap", label, True)
    allowed = int(cap.value)
    extra = parameters.get("cap.urgent_extra")
    if extra is not None and facts.urgent_occupation:
        allowed += int(extra.value)
    used = sum(1 for p in facts.prior if p.active and p.scheme_code == facts.scheme_code
               and p.period_year == facts.period_year)
    if used >= allowed:
        return CheckResult("yearly_cap", label, False,
                           f"该人员 {facts.period_year} 年已申领本项目补贴 {used} 次，"
                           f"每人每年最多 {allowed} 次（{_rule_note(cap, extra, facts)}）。")
    return CheckResult("yearly_cap", label, True)


def _rule_note(cap: Parameter, extra: Parameter | None, facts: ClaimFacts) -> str:
    note = f"自 {cap.valid_from} 起每年 {int(cap.value)} 次"
    if extra is not None:
        note += f"，急需紧缺职业（工种）可增加 {int(extra.value)} 次"
    return note


def check_not_funded_twice(facts: ClaimFacts) -> CheckResult:
    """Not combined with a training subsidy for the same course: the enrolment is funded once."""
    label = gettext_noop("同一培训不重复享受培训补贴")
    if facts.enrolment_id and facts.enrolment_funded_by:
        return CheckResult("course_funded_once", label, False,
                           f"这次培训已由申请 {facts.enrolment_funded_by} 享受补贴，"
                           "技能提升补贴与职业培训补贴不得就同一培训重复享受。")
    return CheckResult("course_funded_once", label, True)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def check_deadline(facts: ClaimFacts, parameters: Parameters) -> CheckResult:
    label = gettext_noop("发证后申请期限")
    months = parameters.get("deadline_months")
    if months is None or facts.certificate_date is None:
        return CheckResult("deadline", label, True)
    last_day = add_months(facts.certificate_date, int(months.value))
    if facts.submitted_on > last_day:
        return CheckResult("deadline", label, False,
                           f"证书发证日期为 {facts.certificate_date}，应在 {int(months.value)} 个月内"
                           f"（{last_day} 前）申请，已超过申请期限。")
    return CheckResult("deadline", label, True)


def check_certificate_after_listing(facts: ClaimFacts) -> CheckResult:
    label = gettext_noop("证书须在项目列入目录后取得")
    if facts.special_listed_on and facts.certificate_date and facts.certificate_date < facts.special_listed_on:
        return CheckResult("after_listing", label, False,
                           f"证书发证日期 {facts.certificate_date} 早于该专项职业能力项目列入目录的日期 "
                           f"{facts.special_listed_on}，只有列入目录后取得的证书才能申领补贴。")
    return CheckResult("after_listing", label, True)


def check_vocational_once(facts: ClaimFacts) -> CheckResult:
    label = gettext_noop("中职毕业学年学生只享受一次")
    category = "vocational_graduate"
    if facts.applicant_category != category:
        return CheckResult("vocational_once", label, True)
    for prior in facts.prior:
        if prior.active and prior.applicant_category == category:
            return CheckResult("vocational_once", label, False,
                               f"{CATEGORY_NAMES[category]}只能享受一次补贴，该人员已申领（{prior.period_year} 年度）。")
    return CheckResult("vocational_once", label, True)


def check_certificate_register(facts: ClaimFacts) -> CheckResult:
    """The certificate must be in the city's register, the person's, and valid on the claim date."""
    label = gettext_noop("证书在证书登记簿中且申请之日有效")
    state, number = facts.register_state, facts.certificate_no
    if state in ("", "valid"):
        return CheckResult("certificate_register", label, True)
    if state == "not_found":
        message = f"证书 {number} 不在本市职业技能等级证书登记簿中，请核对证书编号。"
    elif state == "other_holder":
        message = f"证书登记簿中证书 {number} 的持证人不是该申请人。"
    elif state == "not_yet":
        message = f"证书 {number} 在申请之日尚未颁发。"
    else:
        what = "暂停" if state == "suspended" else "撤销"
        reason = f"（原因：{facts.register_reason}）" if facts.register_reason else ""
        message = f"证书 {number} 已于 {facts.register_status_date} 被{what}{reason}，申请之日不是有效证书。"
    return CheckResult("certificate_register", label, False, message)


def claim_checks(facts: ClaimFacts, parameters: Parameters) -> tuple[CheckResult, ...]:
    results = []
    if facts.per_certificate:
        results += [check_certificate_register(facts), check_once_per_level(facts), check_no_lower_after_higher(facts),
                    check_yearly_cap(facts, parameters), check_deadline(facts, parameters),
                    check_certificate_after_listing(facts), check_vocational_once(facts)]
    results.append(check_not_funded_twice(facts))
    return tuple(results)


def failures(results) -> list[str]:
    return [result.message for result in results if not result.passed]
