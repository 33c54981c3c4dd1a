"""Lookups every wages service shares: the 2022 codes, the enterprise of a user."""

from django.utils.translation import gettext as _

from jineng.core.exceptions import DomainError
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.models import Occupation


def occupation_ids() -> dict[str, int]:
    return dict(Occupation.objects.filter(classification="2022").values_list("code", "id"))


def enterprise_of(user) -> EnterpriseProfile:
    profile = (EnterpriseProfile.objects.select_related("district", "industry", "organisation")
               .filter(organisation_id=getattr(user, "organisation_id", None)).first())
    if profile is None:
        raise DomainError(_("本单位尚未登记企业信息（统一社会信用代码、所在区、所属产业），请先在需求填报中登记"))
    return profile
