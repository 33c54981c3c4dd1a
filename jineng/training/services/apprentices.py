"""New-type apprentices (企业新型学徒制) registered by their enterprise."""
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from jineng.accounts.models import Organisation
from jineng.accounts.permissions import user_can
from jineng.core.exceptions import DomainError
from jineng.core.models import District
from jineng.core.people import person_register
from jineng.occupations.choices import SkillLevel
from jineng.training.models import Apprenticeship, Institution
from jineng.training.services.records import apprenticeship_add

# 四级/中级工 and above, up to 一级/高级技师.
TARGET_LEVELS = (SkillLevel.L4, SkillLevel.L3, SkillLevel.L2, SkillLevel.L1)


def enterprise_district_id(enterprise: Organisation) -> int | None:
    """The enterprise's district: its organisation's, else the one on its demand profile."""
    if enterprise.district_id:
        return enterprise.district_id
    return (Organisation.objects.filter(pk=enterprise.pk)
            .values_list("enterprise_profile__district_id", flat=True).first())


def own_enterprise(user) -> Organisation | None:
    if not user_can(user, "training.register_apprentices"):
        return None
    return user.organisation


def apprentice_register(*, by, resident_id: str, name: str, occupation, target_level: int, start_date: date,
                        end_date: date, institution: Institution | None = None,
                        district=None) -> Apprenticeship:
    """An enterprise user registers an apprentice of their enterprise (the person is found or registered)."""
    enterprise = own_enterprise(by)
    if enterprise is None:
        raise DomainError(_("只有企业用户可以登记本企业的新型学徒"))
    district_id = enterprise_district_id(enterprise) or (district.pk if district is not None else None)
    if district_id is None:
        raise DomainError(_("本企业尚未登记所在区，请选择所在区"))
    with transaction.atomic():  # a refused apprenticeship registers no person either
        person = person_register(resident_id=resident_id, name=name, by=by)
        return apprenticeship_add(by=by, enterprise=enterprise, person=person, occupation=occupation,
                                  target_level=target_level, district=District.objects.get(pk=district_id),
                                  start_date=start_date, end_date=end_date, institution=institution)
