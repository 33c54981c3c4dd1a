"""Put occupations picked from the demand ranking into a draft of the urgently-needed catalogue."""
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.core.exceptions import DomainError
from jineng.demand import permissions
from jineng.demand.selectors.ranking import ranking_for_year
from jineng.occupations.choices import CatalogueKind, CatalogueState, SkillLevel
from jineng.occupations.models import CatalogueVersion, Occupation
from jineng.occupations.services import catalogue_entry_add

# The catalogue names high-skilled levels: 三级/高级工, 二级/技师, 一级/高级技师.
CATALOGUE_LEVELS = [SkillLevel.L3.value, SkillLevel.L2.value, SkillLevel.L1.value]


@dataclass(frozen=True)
class PickResult:
    added: list[str]
    skipped: list[str]  # "code: why"


def ranking_pick_to_catalogue(*, version: CatalogueVersion, year: int, codes: list[str], by) -> PickResult:
    if not permissions.can_manage(by):
        raise DomainError(_("只有专班办公室可以把职业加入目录草稿"))
    if version.kind != CatalogueKind.URGENT or version.state != CatalogueState.DRAFT:
        raise DomainError(_("请选择一份急需紧缺职业目录的草稿"))
    if not codes:
        raise DomainError(_("请先勾选要加入目录的职业"))
    ranked = {row.code: row for row in ranking_for_year(viewer=by, year=year).rows}
    occupations = {o.code: o for o in Occupation.objects.filter(classification="2022", code__in=codes)}
    added, skipped = [], []
    for code in sorted(set(codes), key=lambda c: ranked[c].rank if c in ranked else 10**9):
        row, occupation = ranked.get(code), occupations.get(code)
        if row is None or occupation is None:
            skipped.append(_("{code}：不在 {year} 年的需求排名中").format(code=code, year=year))
            continue
        try:
            with transaction.atomic():
                catalogue_entry_add(version=version, by=by, occupation=occupation, levels=CATALOGUE_LEVELS,
                                    reason=f"需求排名第 {row.rank} 位，得分 {row.score:.3f}")
            added.append(code)
        except DomainError as exc:
            skipped.append(_("{code}：{exc}").format(code=code, exc=exc))
    return PickResult(added=added, skipped=skipped)
