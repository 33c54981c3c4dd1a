from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jineng.core.capabilities import VisibleQuerySet
from jineng.servicepoints.choices import PointKind


class ServicePoint(models.Model):
    """A point of service the office or a district keeps in the register (GCJ-02 inside its district)."""

    name = models.CharField(_("名称"), max_length=120)
    kind = models.CharField(_("类型"), max_length=12, choices=PointKind.choices)
    district = models.ForeignKey("core.District", verbose_name=_("所在区"), on_delete=models.PROTECT,
                                 related_name="+")
    address = models.CharField(_("地址"), max_length=200)
    lon = models.DecimalField(_("经度"), max_digits=9, decimal_places=6,
                              validators=[MinValueValidator(-180), MaxValueValidator(180)])
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6,
                              validators=[MinValueValidator(-90), MaxValueValidator(90)])
    hours = models.CharField(_("开放时间"), max_length=120, blank=True)
    opened_date = models.DateField(_("启用日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    objects = VisibleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("服务网点")
        verbose_name_plural = _("服务网点")
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="service_point_name_unique")]
        indexes = [models.Index(fields=["lat", "lon"], name="service_point_lat_lon")]

    def __str__(self) -> str:
        return self.name
