from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.accounts.choices import ROLE_BY_KIND, OrganisationKind, Role


class Organisation(models.Model):
    """A unit that acts on the platform: the programme office, a city department, a district government, …"""

    kind = models.CharField(_("类型"), max_length=32, choices=OrganisationKind.choices)
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True, help_text=_("计划表中可能出现的其他写法"))
    district = models.ForeignKey(
        "core.District", verbose_name=_("所在区"), null=True, blank=True, on_delete=models.PROTECT
    )
    is_member_unit = models.BooleanField(_("领导小组成员单位"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        constraints = [
            models.CheckConstraint(
                name="district_org_has_district",
                condition=~models.Q(kind="district") | models.Q(district__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["district"], condition=models.Q(kind="district"), name="one_government_per_district"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("所属机构"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    display_name = models.CharField(_("姓名"), max_length=40, blank=True)
    # A worker's own account (no organisation): the person it belongs to, found through the city's identity
    # service at sign-in (docs/workers.md). Such an account acts only for that person.
    person = models.OneToOneField("core.Person", verbose_name=_("本人"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="worker_account")

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role(self) -> Role:
        if self.organisation_id is None:
            return Role.WORKER if self.person_id is not None else Role.NONE
        return ROLE_BY_KIND[OrganisationKind(self.organisation.kind)]
