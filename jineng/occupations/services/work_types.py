"""Writes to the classification: work types (工种) under an occupation."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError, NotAllowed
from jineng.occupations import permissions
from jineng.occupations.models import Occupation, WorkType
from jineng.occupations.reference import pinyin_initials


def work_type_create(*, occupation: Occupation, name: str, by) -> WorkType:
    if not permissions.can_manage_work_types(by):
        raise NotAllowed(_("只有专班办公室可以维护工种"))
    name = name.strip()
    if not name or len(name) > 80:
        raise DomainError(_("工种名称不能为空，且不超过 80 个字"))
    if WorkType.objects.filter(occupation=occupation, name=name).exists():
        raise DomainError(_("{name}下已有工种“{name2}”").format(name=occupation.name, name2=name))
    work_type = WorkType(occupation=occupation, name=name, initials=pinyin_initials(name))
    save_audited(work_type, by=by, reason=gettext_noop("新增工种"))
    return work_type
