"""Computing a round's tables as a new draft version, and the review workflow's steps."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jineng.core.audit import create_audited
from jineng.core.exceptions import DomainError
from jineng.core.metrics import metrics_records_changed
from jineng.wages.choices import PostCategory, VersionState
from jineng.wages.engine.tables import METHODOLOGY_VERSION, PERCENTILES, WageColumns, wage_tables, yuan
from jineng.wages.models import SurveyRound, TableCell, TableVersion, WageRecord
from jineng.wages.services.thresholds import thresholds_in_force
from jineng.wages.workflows import TABLE_WORKFLOW


def survey_columns(survey_round: SurveyRound) -> WageColumns:
    """Skilled posts with a level: the records the tables are computed from, as columns of database ids (the
    cells' labels are then ids, as text)."""
    rows = (WageRecord.objects.filter(round=survey_round, post_category=PostCategory.SKILL, level__isnull=False)
            .values_list("enterprise_id", "occupation_id", "level", "industry_id", "annual_pay").order_by())
    enterprise, occupation, level, industry, pay = [], [], [], [], []
    for e, o, lv, i, p in rows.iterator(chunk_size=20000):
        enterprise.append(e)
        occupation.append(o)
        level.append(lv)
        industry.append(i)
        pay.append(float(p))
    return WageColumns(enterprise=enterprise, occupation=occupation, level=level, industry=industry, pay=pay)


def table_version_compute(*, survey_round: SurveyRound, by) -> TableVersion:
    columns = survey_columns(survey_round)
    if len(columns) == 0:
        raise DomainError(_("本轮还没有技能岗位的工资记录"))
    thresholds = thresholds_in_force(on=timezone.localdate())
    cells = wage_tables(columns, thresholds)
    with transaction.atomic():
        SurveyRound.objects.select_for_update().get(pk=survey_round.pk)
        number = (survey_round.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = create_audited(
            TableVersion, by=by, reason=_("计算工资价位表"), round=survey_round, number=number,
            methodology_version=METHODOLOGY_VERSION, computed_by=by,
            thresholds={"min_enterprises": thresholds.min_enterprises, "min_workers": thresholds.min_workers,
                        "dominance": thresholds.dominance},
            n_enterprises=len(set(columns.enterprise)), n_workers=len(columns))
        TableCell.objects.bulk_create([_cell_row(version, c) for c in cells], batch_size=2000)
    return version


def _cell_row(version: TableVersion, cell) -> TableCell:
    amounts = {}
    if not cell.suppressed:
        amounts = {f"p{round(p * 100)}": cell.amount(i) for i, p in enumerate(PERCENTILES)}
        amounts["mean"] = yuan(cell.mean)
    return TableCell(version=version, dimension=cell.dimension,
                     occupation_id=int(cell.occupation_code) if cell.occupation_code else None,
                     level=cell.level, industry_id=int(cell.industry) if cell.industry else None,
                     n_enterprises=cell.n_enterprises, n_workers=cell.n_workers, suppressed=cell.suppressed,
                     reason=cell.reason, **amounts)


def table_version_submit(*, version: TableVersion, by) -> TableVersion:
    return TABLE_WORKFLOW.take(version, "submit", by=by)


def table_version_return(*, version: TableVersion, by, comment: str) -> TableVersion:
    return TABLE_WORKFLOW.take(version, "return", by=by, comment=comment)


def table_version_publish(*, version: TableVersion, by) -> TableVersion:
    """Publish; the version of the same round published before becomes superseded."""

    def supersede_previous(locked: TableVersion, step) -> None:
        previous = TableVersion.objects.filter(round_id=locked.round_id, state=VersionState.PUBLISHED)
        for old in previous.order_by("pk"):
            TABLE_WORKFLOW.take(old, "supersede", by=by,
                                audit=gettext_noop("被第 {number} 版替代").format(number=locked.number))

    published = TABLE_WORKFLOW.take(version, "publish", by=by, effects=supersede_previous)
    metrics_records_changed("wages.TableVersion")
    return published
