from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """One of Shanghai's 16 districts (GB/T 2260 code), with its polygon in GCJ-02."""

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=20, unique=True)
    name_en = models.CharField(_("英文名称"), max_length=40)
    seat_lon = models.DecimalField(_("政府驻地经度"), max_digits=9, decimal_places=6)
    seat_lat = models.DecimalField(_("政府驻地纬度"), max_digits=9, decimal_places=6)
    centroid_lon = models.DecimalField(_("中心经度"), max_digits=9, decimal_places=6)
    centroid_lat = models.DecimalField(_("中心纬度"), max_digits=9, decimal_places=6)
    geometry = models.JSONField(_("边界（GeoJSON，GCJ-02）"))

    class Meta:
        verbose_name = _("区")
        verbose_name_plural = _("区")

    def __str__(self) -> str:
        return self.name
