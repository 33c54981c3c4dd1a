"""Registration of the enterprises that report demand: an organisation of kind enterprise plus its profile."""
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts import permissions
from jineng.accounts.choices import OrganisationKind
from jineng.accounts.models import Organisation
from jineng.core.audit import save_audited
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import InvalidIdentifier, uscc_validate
from jineng.core.messages import message_text
from jineng.core.models import District
from jineng.demand.choices import EnterpriseSize
from jineng.demand.models import EnterpriseProfile
from jineng.occupations.models import Industry


def _check_registrar(by) -> None:
    """The programme office registers enterprises; so does the platform itself (seed and sync jobs run as a
    user without an organisation, or as None), which no page lets anyone act as."""
    if by is None or not by.organisation_id:
        return
    if not permissions.user_can(by, "demand.register_enterprise"):
        raise DomainError(_("只有专班办公室可以登记企业"))


def enterprise_register(
    *, name: str, credit_code: str, district: District, industry: Industry, size: str, by,
    contact: str = "", is_synthetic: bool = False, organisation: Organisation | None = None,
) -> EnterpriseProfile:
    """A new enterprise (or an existing enterprise organisation without a profile) with its checked credit code."""
    _check_registrar(by)
    errors = []
    try:
        code = uscc_validate(credit_code)
    except InvalidIdentifier as exc:
        errors.append(_("“统一社会信用代码”：{exc}").format(exc=message_text(exc.message)))
        code = None
    name = name.strip()
    if organisation is None and not name:
        errors.append(_("“企业名称”：请填写"))
    if size not in EnterpriseSize.values:
        errors.append(_("“企业规模”：请选择微型、小型、中型或大型"))
    if organisation is not None and organisation.kind != OrganisationKind.ENTERPRISE:
        errors.append(_("“{name}”不是企业").format(name=organisation.name))
    if code and EnterpriseProfile.objects.filter(credit_code=code).exists():
        holder = EnterpriseProfile.objects.select_related("organisation").get(credit_code=code).organisation
        errors.append(_("“统一社会信用代码”：{code} 已登记为{name}").format(code=code, name=holder.name))
    if organisation is None and name and Organisation.objects.filter(name=name).exists():
        errors.append(_("“企业名称”：已有名为“{name}”的机构").format(name=name))
    if errors:
        raise DomainError(_("；").join(errors))
    with transaction.atomic():
        if organisation is None:
            organisation = Organisation(kind=OrganisationKind.ENTERPRISE, name=name, district=district)
            save_audited(organisation, by=by, reason=gettext_noop("登记企业"))
        elif EnterpriseProfile.objects.filter(organisation=organisation).exists():
            raise DomainError(_("{name}已登记企业信息").format(name=organisation.name))
        profile = EnterpriseProfile(organisation=organisation, credit_code=code, district=district, industry=industry,
                                    size=size, contact=contact.strip()[:100], is_synthetic=is_synthetic)
        save_audited(profile, by=by, reason=gettext_noop("登记企业信息"))
    return profile
