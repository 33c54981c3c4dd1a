"""The programme office's register of institutions: registration with a login organisation, status changes."""
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.accounts.models import Organisation
from jineng.core.audit import create_audited, save_audited
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import uscc_validate
from jineng.training import permissions
from jineng.training.choices import InstitutionStatus
from jineng.training.models import Institution
from jineng.training.services.records import institution_register


def institution_register_with_login(*, by, credit_code: str, name: str, kind: str, district, licence_no: str = "",
                                    licence_valid_until: date | None = None) -> Institution:
    """Register an institution and the login organisation (kind training_institution) its staff accounts join."""
    if not permissions.can_register_institutions(by):
        raise DomainError(_("只有专班办公室可以登记培训机构"))
    code = uscc_validate(credit_code)
    name = name.strip()
    if not name:
        raise DomainError(_("机构名称不能为空"))
    existing = Institution.objects.filter(credit_code=code).first()
    if existing is not None:
        raise DomainError(_("统一社会信用代码 {code} 已登记为“{name}”，不能重复登记").format(code=code, name=existing.name))
    if licence_valid_until is not None and licence_no.strip() == "":
        raise DomainError(_("填写许可证有效期时须同时填写办学许可证号"))
    if Organisation.objects.filter(name=name).exists():
        raise DomainError(_("平台上已有名为“{name}”的机构账号，请核对机构名称").format(name=name))
    with transaction.atomic():
        organisation = create_audited(Organisation, by=by, reason=gettext_noop("登记培训机构时开设登录机构"), name=name,
                                      kind="training_institution", district=district)
        return institution_register(by=by, credit_code=code, name=name, kind=kind, district=district,
                                    licence_no=licence_no.strip(), licence_valid_until=licence_valid_until,
                                    organisation=organisation)


def institution_status_change(*, by, institution: Institution, status: str, reason: str) -> Institution:
    """正常 / 暂停招生 / 已注销, with the reason on the audit trail. A revoked institution stays revoked."""
    if not permissions.can_register_institutions(by):
        raise DomainError(_("只有专班办公室可以变更培训机构状态"))
    if status not in InstitutionStatus.values:
        raise DomainError(_("未知的机构状态"))
    if not reason.strip():
        raise DomainError(_("请填写变更原因"))
    if status == institution.status:
        raise DomainError(_("机构状态已是“{status}”").format(status=institution.get_status_display()))
    if institution.status == InstitutionStatus.REVOKED:
        raise DomainError(_("机构已注销，不能恢复；如重新办学请重新登记"))
    institution.status = status
    save_audited(institution, by=by, reason=f"机构状态改为{InstitutionStatus(status).label}：{reason.strip()}"[:100],
                 update_fields=["status"])
    return institution

