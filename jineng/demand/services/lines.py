"""Reference data for the demand-line rules (``demand.engine.lines``), loaded once per file or form."""

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from jineng.demand.choices import Urgency
from jineng.demand.engine.lines import Invalid, Lookups
from jineng.occupations.choices import CERTIFICATE_DIGIT_TO_LEVEL, SkillLevel
from jineng.occupations.models import Occupation, WorkType


def lookups_load() -> Lookups:
    with translation.override(settings.LANGUAGE_CODE):  # a file holds the Chinese names, whoever uploads it
        return _lookups()


def _lookups() -> Lookups:
    return Lookups(
        occupations=dict(Occupation.objects.filter(classification="2022").values_list("code", "id").order_by()),
        work_types={(occupation_id, name): pk for pk, occupation_id, name
                    in WorkType.objects.values_list("id", "occupation_id", "name").order_by()},
        levels=level_names(),
        urgencies={str(u.value): u.value for u in Urgency} | {str(u.label): u.value for u in Urgency},
    )


def level_names() -> dict[str, int]:
    """Every spelling of a level a file may use: 三级, 高级工, 三级/高级工, or the certificate digit 3."""
    names: dict[str, int] = {}
    for level in SkillLevel:
        label = str(level.label)
        names[label] = level.value
        for part in label.split("/"):
            names[part] = level.value
    for digit, level in CERTIFICATE_DIGIT_TO_LEVEL.items():
        names[str(digit)] = level.value
    return names


def parse_skill_level_value(value: Any) -> int:
    """The API and the form send the SkillLevel value itself (0 学徒工 … 7 首席技师)."""
    try:
        level = int(value)
    except (TypeError, ValueError) as exc:
        raise Invalid(_("“{value}”不是技能等级").format(value=value)) from exc
    if level not in SkillLevel.values:
        raise Invalid(_("“{value}”不是技能等级").format(value=value))
    return level
