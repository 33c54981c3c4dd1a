from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.forecasting.choices import Dimension, Granularity, RunStatus


class ForecastRun(models.Model):
    """One forecasting run over every demand series of a dimension, executed by a background worker."""

    dimension = models.CharField(_("维度"), max_length=16, choices=Dimension.choices, default=Dimension.OCCUPATION)
    granularity = models.CharField(_("周期"), max_length=8, choices=Granularity.choices, default=Granularity.MONTH)
    horizon = models.PositiveSmallIntegerField(_("预测期数"), default=12)
    status = models.CharField(_("状态"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    series_total = models.PositiveIntegerField(_("序列数"), default=0)
    series_done = models.PositiveIntegerField(_("已完成"), default=0)
    error = models.TextField(_("错误"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("预测运行")
        verbose_name_plural = _("预测运行")
        constraints = [
            models.CheckConstraint(name="forecast_done_not_above_total", condition=models.Q(series_done__lte=models.F("series_total"))),
            models.CheckConstraint(name="forecast_horizon_range", condition=models.Q(horizon__gte=1) & models.Q(horizon__lte=24)),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_dimension_display()} {self.get_granularity_display()}"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.series_done / self.series_total) if self.series_total else (100 if self.status == RunStatus.DONE else 0)


class ForecastResult(models.Model):
    """One series' chosen model, backtest scores and forecast with its prediction interval."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="results")
    key = models.CharField(_("序列"), max_length=40)
    label = models.CharField(_("名称"), max_length=100)
    chosen_model = models.CharField(_("所选模型"), max_length=20)
    chosen_mase = models.FloatField(_("所选模型 MASE"), null=True)
    baseline_mase = models.FloatField(_("基线 MASE"), null=True)
    beats_baseline = models.BooleanField(_("优于基线"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    history = models.JSONField(_("历史"), help_text=_("{periods: [...], values: [...]}"))
    forecast = models.JSONField(_("预测"), help_text=_("{periods, mean, lower, upper, level}"))
    scores = models.JSONField(_("各模型回测"), help_text=_("[{model, mase, mae, origins}]"))

    class Meta:
        verbose_name = _("预测结果")
        verbose_name_plural = _("预测结果")
        constraints = [models.UniqueConstraint(fields=["run", "key"], name="forecast_result_unique")]

    def __str__(self) -> str:
        return f"{self.key} {self.chosen_model}"
