from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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


class Person(models.Model):
    """A natural person known by the 18-digit resident ID, which is stored only encrypted.

    ``resident_id_digest`` (HMAC-SHA256 with its own key) finds a person by number; ``resident_id_masked`` is
    what pages, exports, the API and logs show. The full number is revealed only through
    ``core.people.person_reveal_resident_id``, which checks the viewer and logs the view.
    """

    resident_id_digest = models.CharField(_("身份证号摘要"), max_length=64, unique=True, editable=False)
    resident_id_encrypted = models.TextField(_("身份证号（加密）"), editable=False)
    resident_id_masked = models.CharField(_("身份证号"), max_length=18, editable=False)
    name = models.CharField(_("姓名"), max_length=50)
    sex = models.CharField(_("性别"), max_length=1, choices=[("M", _("男")), ("F", _("女"))])
    birth_date = models.DateField(_("出生日期"))
    area_code = models.CharField(_("户籍地区划代码"), max_length=6)
    phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    is_synthetic = models.BooleanField(_("合成数据"), default=False)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["resident_id_encrypted"])

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")

    def __str__(self) -> str:
        return f"{self.name}（{self.resident_id_masked}）"


class PersonalDataView(models.Model):
    """One view of a full resident ID: who saw whose number, when, and why."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("查看人"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("查看事由"), max_length=200)
    viewed_at = models.DateTimeField(_("查看时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("身份证号查看记录")
        verbose_name_plural = _("身份证号查看记录")
        indexes = [models.Index(fields=["person", "viewed_at"])]

    def __str__(self) -> str:
        return f"{self.viewer} → {self.person}"


class MetricSnapshot(models.Model):
    """A metric's value at the end of one month, kept so the desk does not recompute it on every view.

    Deleted by the writes that change it (``jineng.core.metrics``: each metric names the models it reads) and
    recomputed when older than ``JINENG_METRIC_CACHE_SECONDS`` whatever happened.
    """

    key = models.CharField(_("系统指标"), max_length=80)
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    city = models.DecimalField(_("全市"), max_digits=18, decimal_places=2)
    by_district = models.JSONField(_("各区"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("系统指标缓存")
        verbose_name_plural = _("系统指标缓存")
        constraints = [models.UniqueConstraint(fields=["key", "year", "month"], name="metric_snapshot_unique")]

    def __str__(self) -> str:
        return f"{self.key} {self.year}-{self.month:02d}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("导入中")
    DONE = "done", _("已完成")
    REJECTED = "rejected", _("已拒绝")
    FAILED = "failed", _("出错")


IMPORT_FINISHED = (ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.FAILED)


class ImportJob(models.Model):
    """One bulk file run in the background (``core.import_jobs``): checksum, progress, outcome, who.

    Each app's import model inherits these fields and adds what the file is imported into (an institution, a
    report). ``errors`` hold the row errors as message templates (``core.engine.messages``), translated when shown.
    """

    file_name = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(_("文件校验和"), max_length=64)
    status = models.CharField(_("状态"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(_("行数"), default=0)
    rows_done = models.PositiveIntegerField(_("已处理行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增记录"), default=0)
    updated_count = models.PositiveIntegerField(_("更新记录"), default=0)
    unchanged_count = models.PositiveIntegerField(_("未变记录"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # The uploaded file, encrypted (it may hold resident IDs), kept only until the background task has read it.
    payload = models.TextField(_("待导入文件（加密）"), blank=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in IMPORT_FINISHED

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 100 if self.finished else 0
        return min(100, round(100 * self.rows_done / self.rows_total))

    @property
    def errors_shown(self) -> list[str]:
        """The errors in the current language."""
        from jineng.core.messages import message_text

        return [message_text(error) for error in self.errors]
