"""The engine's eligibility reasons as sentences in the reader's language."""

from django.utils.translation import gettext as _

from jineng.occupations.choices import SkillLevel


def _level(level) -> str:
    try:
        return str(SkillLevel(int(level)).label)
    except (TypeError, ValueError):
        return _("未填写")


def reason_text(reason: dict) -> str:
    code, ok, p = reason.get("code"), reason.get("ok"), reason.get("params", {})
    if code == "leader_honour_or_earlier_funding":
        honours = _("、").join(p.get("honours", ()))
        if ok and p.get("held"):
            return _("领衔人获得{honour}，符合条件").format(honour=_("、").join(p["held"]))
        if ok:
            return _("领衔人为 {year} 年获资助的市级首席技师且仍在本单位工作，符合条件").format(year=p.get("funded_year"))
        return _("领衔人须获得{honours}之一，或为 {year} 年及以前获资助且仍在本单位工作的市级首席技师").format(
            honours=honours, year=p.get("funded_by_year"))
    if code == "not_funded_before":
        if ok:
            return _("此前未获资助，符合条件")
        return _("已于 {year} 年获资助，不得重复申报").format(year=p.get("funded_year"))
    if code == "min_level":
        if ok:
            return _("负责人技能等级为{actual}，符合条件").format(actual=_level(p.get("actual")))
        return _("负责人技能等级须达到{level}，当前为{actual}").format(level=_level(p.get("level")),
                                                                   actual=_level(p.get("actual")))
    if code == "matching_funds":
        if ok:
            return _("承诺配套资金 {declared} 元，不低于 {amount} 元").format(**p)
        return _("配套资金须不低于 {amount} 元，当前承诺 {declared} 元").format(**p)
    if code == "district_lead":
        return _("由区政府牵头，符合条件") if ok else _("须由区政府牵头申报")
    return str(code)
