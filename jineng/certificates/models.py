"""The certificate register: every 职业技能等级证书 and 专项职业能力证书 issued by a Shanghai evaluation body.

A certificate is issued from an approved evaluation result or imported in bulk; its status (valid, suspended,
revoked) changes only through the declared workflow (``workflows.py``). ``status_index`` is its position in the
published status lists (W3C Bitstring Status List), given once and never reused.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.certificates.choices import CertificateSource, CertificateStatus
from jineng.core.capabilities import VisibleQuerySet
from jineng.occupations.choices import SkillLevel


class Certificate(models.Model):
    number = models.CharField(_("证书编号"), max_length=22, unique=True)
    holder = models.ForeignKey("core.Person", verbose_name=_("持证人"), on_delete=models.PROTECT, related_name="+")
    holder_name = models.CharField(_("持证人姓名"), max_length=40)
    occupation = models.ForeignKey("occupations.Occupation", verbose_name=_("职业"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    work_type = models.ForeignKey("occupations.WorkType", verbose_name=_("工种"), on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    special_item = models.CharField(_("专项职业能力"), max_length=80, blank=True)
    level = models.PositiveSmallIntegerField(_("等级"), choices=SkillLevel.choices, null=True, blank=True)
    body = models.ForeignKey("evaluation.EvaluationBody", verbose_name=_("评价机构"), on_delete=models.PROTECT,
                             related_name="certificates")
    session = models.ForeignKey("evaluation.EvaluationSession", verbose_name=_("考试批次"), on_delete=models.PROTECT,
                                null=True, blank=True, related_name="+")
    result = models.OneToOneField("evaluation.EvaluationResult", verbose_name=_("考试成绩"),
                                  on_delete=models.PROTECT, null=True, blank=True, related_name="certificate")
    issued_on = models.DateField(_("发证日期"))
    status = models.CharField(_("状态"), max_length=12, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID)
    status_date = models.DateField(_("状态变更日期"), null=True, blank=True)
    status_reason = models.CharField(_("状态变更原因"), max_length=200, blank=True)
    status_index = models.PositiveIntegerField(_("状态列表位置"), unique=True)
    source = models.CharField(_("来源"), max_length=12, choices=CertificateSource.choices,
                              default=CertificateSource.RESULT)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("证书")
        verbose_name_plural = _("证书")
        indexes = [
            models.Index(fields=["body", "issued_on"], name="certificate_body_issued"),
            models.Index(fields=["issued_on", "level"], name="certificate_issued_level"),
            models.Index(fields=["holder"], name="certificate_holder"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def item_label(self) -> str:
        if self.special_item:
            return self.special_item
        name = self.occupation.name if self.occupation_id else ""
        if self.work_type_id:
            name += f"（{self.work_type.name}）"
        return name


class StatusChange(models.Model):
    """One change of a certificate's status, in force from ``effective_on``: what the register answers for a past
    day (``selectors.certificate_state_on``). Written only by the services, with the certificate's change, in the
    same transaction: the status workflow (suspend, reinstate, revoke) and the import (a row whose status or status
    date differs from the register). A certificate without a row is valid from its issue date. Rows are never
    deleted; an import correcting the date or reason of the status in force corrects its row (audited)."""

    certificate = models.ForeignKey(Certificate, verbose_name=_("证书"), on_delete=models.CASCADE,
                                    related_name="status_changes")
    status = models.CharField(_("状态"), max_length=12, choices=CertificateStatus.choices)
    effective_on = models.DateField(_("生效日期"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("证书状态变更")
        verbose_name_plural = _("证书状态变更")
        indexes = [models.Index(fields=["certificate", "effective_on"], name="certificate_status_change")]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.status} {self.effective_on}"


class Counter(models.Model):
    """A counter row locked with ``select_for_update`` to hand out numbers: certificate serials per body and year
    (``serial:<body>:<year>``) and the status-list positions (``status_index``)."""

    key = models.CharField(max_length=40, unique=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("编号计数器")
        verbose_name_plural = _("编号计数器")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class SigningKey(models.Model):
    """An Ed25519 key that signs verification links and credentials; the private half encrypted at rest.

    The newest active key signs; every key (retired ones too) keeps verifying what it signed, and stays in the
    published key set.
    """

    kid = models.CharField(_("密钥标识"), max_length=40, unique=True)
    private_key_encrypted = models.TextField(_("私钥（加密）"))
    public_x = models.CharField(_("公钥"), max_length=60)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("签名密钥")
        verbose_name_plural = _("签名密钥")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid

    def public_jwk(self) -> dict:
        return {"kty": "OKP", "crv": "Ed25519", "x": self.public_x, "kid": self.kid, "alg": "Ed25519", "use": "sig"}
