"""The certificate status workflow: valid ⇄ suspended, either → revoked (final).

The office changes any certificate, an evaluation body its own (``certificates.change_status``). Suspending and
revoking need a reason; the date of the change and the reason are stamped on the certificate, which the public
verification shows.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.core.workflow import Stamp, Transition, Workflow

CHANGE = "certificates.change_status"
_REFUSED = _("您无权变更该证书的状态")


def _today(obj, step):
    return timezone.localdate(step.at)


_STAMPS = {"status_date": _today, "status_reason": Stamp.COMMENT}

CERTIFICATE_WORKFLOW = Workflow(
    model=Certificate, field="status", comment_max=200,
    noun=lambda certificate: _("证书 {number} ").format(number=certificate.number),
    transitions=[
        Transition("suspend", _("暂停"), (CertificateStatus.VALID,), CertificateStatus.SUSPENDED, CHANGE,
                   refused=_REFUSED, stamps=_STAMPS, comment_required=_("暂停证书须填写原因"), comment_in_audit=True,
                   style="secondary"),
        Transition("reinstate", _("恢复有效"), (CertificateStatus.SUSPENDED,), CertificateStatus.VALID, CHANGE,
                   refused=_REFUSED, stamps=_STAMPS, comment_in_audit=True),
        Transition("revoke", _("撤销"), (CertificateStatus.VALID, CertificateStatus.SUSPENDED),
                   CertificateStatus.REVOKED, CHANGE, refused=_REFUSED, stamps=_STAMPS,
                   comment_required=_("撤销证书须填写原因"), comment_in_audit=True, style="danger"),
    ],
)
