"""A district's skilled-workforce survey (item 41) and its evaluation service windows."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.audit import create_audited, save_audited
from jineng.core.capabilities import user_can
from jineng.core.districts import district_contains
from jineng.core.exceptions import DomainError, ImportRejected, NotAllowed
from jineng.core.imports import rows_insert, table_read
from jineng.core.metrics import metrics_records_changed
from jineng.core.models import District
from jineng.wages.engine.district import district_counts_parse
from jineng.wages.models import DistrictSurvey, DistrictSurveyCount, ServiceWindow
from jineng.wages.services.common import occupation_ids

WINDOW_FIELDS = ("name", "address", "lon", "lat", "hours", "phone", "is_active")


def district_survey_import(*, district: District, year: int, content: bytes, file_name: str, by) -> DistrictSurvey:
    """All-or-nothing; a new file for the same district and year replaces the counts."""
    if not user_can(by, "wages.upload_district_survey", district):
        raise NotAllowed(_("只能填报本区的技能人才调查"))
    table = table_read(content=content, file_name=file_name)
    codes = occupation_ids()
    counts, errors = district_counts_parse(table.rows, occupation_codes=codes)
    if errors:
        raise ImportRejected(errors)
    reason = _("上传区技能人才调查：{rows} 行").format(rows=len(counts))
    with transaction.atomic():
        survey = DistrictSurvey.objects.select_for_update().filter(district=district, year=year).first()
        if survey is None:
            survey = create_audited(DistrictSurvey, by=by, reason=reason, district=district, year=year,
                                    file_name=file_name[:200], uploaded_by=by)
        else:
            survey.counts.all().delete()
            survey.file_name, survey.uploaded_by, survey.uploaded_at = file_name[:200], by, timezone.now()
            save_audited(survey, by=by, reason=reason, update_fields=["file_name", "uploaded_by", "uploaded_at"])
        rows_insert(DistrictSurveyCount._meta.db_table, ("survey_id", "occupation_id", "level", "workers"),
                    [(survey.pk, codes[code], level, n) for (code, level), n in sorted(counts.items())])
    metrics_records_changed("wages.DistrictSurveyCount")
    return survey


def service_window_save(*, district: District, values: dict, by, window: ServiceWindow | None = None) -> ServiceWindow:
    if not user_can(by, "wages.manage_windows", district):
        raise NotAllowed(_("只能维护本区的服务窗口"))
    if window is not None and window.district_id != district.pk:
        raise DomainError(_("服务窗口不能改到其他区"))
    lon, lat = Decimal(values["lon"]), Decimal(values["lat"])
    if not district_contains(district.geometry, float(lon), float(lat)):
        raise DomainError(_("坐标不在{district}范围内").format(district=district.name))
    for name in ("name", "address", "hours"):
        if not str(values.get(name, "")).strip():
            raise DomainError(_("请填写窗口名称、地址和办公时间"))
    fields = {name: values.get(name, "" if name != "is_active" else True) for name in WINDOW_FIELDS}
    fields["lon"], fields["lat"] = lon, lat
    with transaction.atomic():
        duplicate = ServiceWindow.objects.filter(district=district, name=fields["name"])
        if window is not None:
            duplicate = duplicate.exclude(pk=window.pk)
        if duplicate.exists():
            raise DomainError(_("本区已有同名服务窗口"))
        if window is None:
            return create_audited(ServiceWindow, by=by, reason=_("登记服务窗口"), district=district, **fields)
        for name, value in fields.items():
            setattr(window, name, value)
        save_audited(window, by=by, reason=_("修改服务窗口"), update_fields=list(WINDOW_FIELDS))
        return window
