"""The demo year: the 2024 plan, district splits and January–October reports that tell a story.

Deterministic (one ``random.Random(2024)``, never the global one) and idempotent: a second run changes
nothing. Reports are written with the ORM, not the report services, because those judge deadlines
against "now" and the demo year lies in the past. The story a newcomer should see on the desk at
October: training volumes on pace, grade-worker training a little behind, apprentices and
competitions clearly behind, 金山 and 崇明 late with their reports and behind their shares.
"""

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet
from simple_history.utils import bulk_create_with_history

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.demo import ACCOUNTS as DEMO_ACCOUNTS
from jineng.accounts.demo import demo_user, system_user_get
from jineng.accounts.models import Organisation, User
from jineng.core.audit import save_audited
from jineng.core.models import District
from jineng.workplan.choices import ProgressStatus, ReportState, TargetKind
from jineng.workplan.engine import pace
from jineng.workplan.models import DistrictTarget, Indicator, IndicatorValue, MonthlyReport, Plan, Task
from jineng.workplan.selectors.obligations import obligation_pairs, reportable_indicators
from jineng.workplan.services.plan_import import plan_import_file
from jineng.workplan.services.targets import district_targets_set, indicator_update

PLAN_FILE = Path(__file__).resolve().parent / "data" / "plan-2024.txt"
YEAR = 2024
SEED = 2024
LAST_MONTH = 10  # the demo is seen in mid-November: October is in, part of it still under review
SHANGHAI = ZoneInfo("Asia/Shanghai")
REASON = "生成演示数据"

# Resident population in 10 000s, a stand-in for the size of each district's workforce.
DISTRICT_WEIGHTS = {
    "浦东新区": 578, "闵行区": 271, "宝山区": 224, "松江区": 199, "嘉定区": 184, "青浦区": 128,
    "普陀区": 123, "杨浦区": 122, "奉贤区": 115, "徐汇区": 111, "静安区": 95, "金山区": 82,
    "长宁区": 69, "虹口区": 68, "黄浦区": 65, "崇明区": 61,
}  # fmt: skip
SPLIT_TASKS = (2, 16, 17)
LATE_DISTRICTS = ("金山区", "崇明区")
LAGGING_DISTRICTS = ("金山区", "崇明区", "奉贤区")

# Competitions cluster in the second and third quarters; the two catalogues come out in two batches.
PACE_PROFILES = {
    "29-1": ("0.02", "0.04", "0.08", "0.18", "0.30", "0.44", "0.58", "0.72", "0.82", "0.90", "0.96", "1"),
    "4-1": ("0", "0", "0", "0", "0", "0.5", "0.5", "0.5", "0.5", "1", "1", "1"),
    "4-2": ("0", "0", "0", "0", "0", "0.5", "0.5", "0.5", "0.5", "1", "1", "1"),
}


@dataclass(frozen=True)
class Pace:
    october: float  # actual / expected at October; the ratio drifts there from 1.0 in January
    noise: float = 0.01


PACE = {
    "2-1": Pace(1.01), "2-2": Pace(0.90), "2-3": Pace(0.98), "4-1": Pace(1.0, 0), "4-2": Pace(1.0, 0),
    "16-1": Pace(0.72), "17-1": Pace(1.03), "24-1": Pace(0.90), "25-1": Pace(1.04), "29-1": Pace(0.78),
    "31-2": Pace(0.98),
}  # fmt: skip

# What reporters say from a given month on ("" = every reporter on the task); the rest stay on track.
STATUS_STORY: dict[tuple[int, str], tuple[tuple[int, str], ...]] = {
    (2, ""): ((9, ProgressStatus.AT_RISK),),
    (3, ""): ((8, ProgressStatus.DONE),),
    (4, ""): ((10, ProgressStatus.DONE),),
    (7, ""): ((8, ProgressStatus.AT_RISK),),
    (16, ""): ((4, ProgressStatus.AT_RISK), (7, ProgressStatus.BEHIND)),
    (19, ""): ((6, ProgressStatus.AT_RISK), (9, ProgressStatus.BEHIND)),
    (29, ""): ((5, ProgressStatus.AT_RISK), (7, ProgressStatus.BEHIND)),
    (31, ""): ((8, ProgressStatus.BEHIND),),  # the counts are on pace, the subsidy payments are not
    (32, ""): ((9, ProgressStatus.DONE),),
    (33, ""): ((7, ProgressStatus.DONE),),
    (40, ""): ((10, ProgressStatus.DONE),),
    (43, "金山区"): ((7, ProgressStatus.AT_RISK),),
    (43, "崇明区"): ((8, ProgressStatus.AT_RISK),),
}

NARRATIVES = (
    "{org}围绕“{category}”召开专题推进会，细化月度工作安排，各项工作按计划推进。",
    "本月{org}走访重点企业和院校{visits}家次，听取意见建议，推动“{category}”相关举措落地。",
    "{org}会同相关单位加强协调联动，更新工作台账，本月“{category}”任务推进总体平稳。",
    "本月{org}印发工作提示，督促相关单位按时间节点推进“{category}”各项工作。",
)
STATUS_NOTES = {
    ProgressStatus.ON_TRACK: "",
    ProgressStatus.AT_RISK: "部分环节推进偏慢，已列入重点跟踪事项。",
    ProgressStatus.BEHIND: "进度慢于序时要求，正在研究追赶措施。",
    ProgressStatus.DONE: "本项任务已基本完成，转入常态化推进。",
}
PROBLEMS = {
    ProgressStatus.ON_TRACK: (
        "部分基层单位对新政策的理解和执行还不够到位。",
        "各区数据统计口径有待进一步统一。",
        "企业参与的积极性仍有提升空间。",
        "暂无突出问题。",
    ),
    ProgressStatus.AT_RISK: (
        "受企业生产旺季影响，参训人员组织难度加大。",
        "配套资金拨付周期较长，影响推进节奏。",
    ),
    ProgressStatus.BEHIND: (
        "承办单位储备不足，项目启动晚于计划。",
        "参与企业数量少于预期，完成年度目标压力较大。",
    ),
    ProgressStatus.DONE: ("无。",),
}
TASK_PROBLEMS = {
    7: "需求填报平台与现有业务系统的数据对接尚未完成。",
    16: "企业新型学徒制备案企业偏少，学徒招录进度慢于预期。",
    19: "外商投资举办培训机构的申办意向较少，尚无新设机构落地。",
    29: "部分行业协会承办意愿不足，二、三季度计划赛项未能全部如期举办。",
    31: "首席技师资助资金拨付晚于计划，技能大师工作室验收有所延后。",
}
NEXT_STEPS = {
    ProgressStatus.ON_TRACK: (
        "下月将继续加强督导调度，确保按序时推进。",
        "下月将开展专项检查，及时总结推广典型经验。",
        "下月将加强政策宣传解读，扩大政策覆盖面。",
    ),
    ProgressStatus.AT_RISK: ("下月将召开专题协调会，逐项研究解决推进中的困难。",),
    ProgressStatus.BEHIND: ("下月将挂图作战、倒排工期，争取四季度追回进度。",),
    ProgressStatus.DONE: ("下月将做好成果巩固和经验总结。",),
}
RETURNED_THEN_ACCEPTED = 8
OCTOBER_STILL_OPEN = (3, 2, 10)  # returned, left in draft, awaiting review

RETURN_COMMENTS = (
    "进展情况过于简略，请补充具体举措和数据来源。",
    "累计完成值与上月数据不衔接，请核实后重新报送。",
    "“存在问题”未填写实质内容，请补充。",
    "请补充本月分区完成情况说明。",
)


# ---------------------------------------------------------------- entry points


@dataclass(frozen=True)
class DemoResult:
    counts: dict[str, int]
    reports_created: bool


def demo_seed(*, reset: bool = False) -> DemoResult:
    rng = random.Random(SEED)
    with transaction.atomic():
        system = system_user_get()
        plan = plan_import_file(path=PLAN_FILE, year=YEAR, by=system).plan
        if reset:
            demo_reset(plan=plan)
        office = demo_user("office")
        _district_targets_ensure(plan, by=office)
        _pace_profiles_ensure(plan, by=office)
        # The reports are generated as one story; topping up a partial set would tell a different one.
        create = not MonthlyReport.objects.filter(task__plan=plan).exists()
        if create:
            _DemoYear(plan=plan, rng=rng, office=office, system=system).build()
    return DemoResult(counts=demo_counts(plan=plan), reports_created=create)


def demo_reset(*, plan: Plan) -> None:
    """Remove the demo's reports (their values go with them) and district splits; the plan stays."""
    MonthlyReport.objects.filter(task__plan=plan).delete()
    DistrictTarget.objects.filter(indicator__task__plan=plan).delete()


def demo_counts(*, plan: Plan) -> dict[str, int]:
    """What the demo holds, labelled in Chinese for the command's summary."""
    reports = MonthlyReport.objects.filter(task__plan=plan, period__month__lte=LAST_MONTH)
    states = Counter(reports.values_list("state", flat=True))
    due = len(obligation_pairs(plan=plan)) * LAST_MONTH
    # history rows outlive the reports a --reset removed; count only those of the reports there now
    history = MonthlyReport.history.filter(id__in=reports.values("pk"))
    return {
        "任务": plan.tasks.count(),
        "数量型指标": Indicator.objects.filter(task__plan=plan, kind=TargetKind.QUANTITY).count(),
        "分区目标": DistrictTarget.objects.filter(indicator__task__plan=plan).count(),
        "应报月度报告": due,
        "已建月度报告": reports.count(),
        "未报送": due - reports.count(),
        "逾期报送": _late_count(plan, reports),
        "已采纳": states[ReportState.ACCEPTED],
        "待审核": states[ReportState.SUBMITTED],
        "已退回": states[ReportState.RETURNED],
        "草稿": states[ReportState.DRAFT],
        "曾被退回": history.filter(state=ReportState.RETURNED).values("id").distinct().count(),
        "指标完成值": IndicatorValue.objects.filter(report__task__plan=plan).count(),
        "报告审计记录": history.count(),
    }


def _late_count(plan: Plan, reports: QuerySet[MonthlyReport]) -> int:
    rows = reports.exclude(first_submitted_at=None).values_list("period", "first_submitted_at")
    return sum(
        submitted > pace.report_deadline(period, plan.report_due_day, SHANGHAI) for period, submitted in rows
    )


# ---------------------------------------------------------------- targets


def split_by_weight(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Whole shares proportional to the weights that add up exactly to the total (largest remainder)."""
    whole = sum(weights.values())
    exact = {key: Decimal(total) * weight / whole for key, weight in weights.items()}
    shares = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(exact, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in by_remainder[: total - sum(shares.values())]:
        shares[key] += 1
    return shares


def _district_targets_ensure(plan: Plan, *, by: User) -> None:
    codes = dict(District.objects.values_list("name", "code"))
    indicators = Indicator.objects.filter(
        task__plan=plan, task__number__in=SPLIT_TASKS, kind=TargetKind.QUANTITY
    )
    for indicator in indicators.order_by("task__number", "ordinal"):
        shares = split_by_weight(int(indicator.annual_target), DISTRICT_WEIGHTS)
        values = {codes[name]: Decimal(share) for name, share in shares.items()}
        district_targets_set(indicator=indicator, values=values, by=by, reason="按各区规模分解下达（演示）")


def _pace_profiles_ensure(plan: Plan, *, by: User) -> None:
    for code, profile in PACE_PROFILES.items():
        number, ordinal = code.split("-")
        indicator = Indicator.objects.get(task__plan=plan, task__number=number, ordinal=ordinal)
        wanted = [str(Decimal(value)) for value in profile]
        if indicator.pace_profile != wanted:  # indicator_update always writes a history row
            indicator_update(
                indicator=indicator, by=by, pace_profile=wanted, source=indicator.source,
                metric_key=indicator.metric_key, reason="设置非线性进度曲线（演示）",
            )  # fmt: skip


# ---------------------------------------------------------------- figures

_Key = tuple[int, int | None]  # (indicator id, district id or None for the city's own figure)


def _non_decreasing(values: list[int]) -> list[int]:
    """Cumulative figures never go down, whatever the noise says."""
    result: list[int] = []
    for value in values:
        result.append(max(value, result[-1] if result else 0))
    return result


def _city_series(indicator: Indicator, rng: random.Random) -> list[int]:
    story = PACE.get(indicator.code, Pace(1.0))
    values = []
    for month in range(1, LAST_MONTH + 1):
        ratio = 1 + (story.october - 1) * month / LAST_MONTH + rng.uniform(-story.noise, story.noise)
        expected = pace.expected_to_date(indicator.annual_target, indicator.pace_profile, month)
        values.append(int(expected * Decimal(str(round(ratio, 4)))))
    return _non_decreasing(values)


def _district_series(
    city: list[int], shares: dict[int, Decimal], lagging: set[int], rng: random.Random
) -> dict[int, list[int]]:
    """Each district's share of the city's figures; lagging districts go at about three quarters pace."""
    factors = {d: (0.75 if d in lagging else 1.0) + rng.uniform(-0.04, 0.04) for d in shares}
    weights = {d: float(share) * factors[d] for d, share in shares.items()}
    total = sum(weights.values())
    return {d: _non_decreasing([round(value * w / total) for value in city]) for d, w in weights.items()}


def _city_from_districts(districts: dict[int, list[int]], rng: random.Random) -> list[int]:
    """The city's own count is a little above the districts' sum, as real ones are."""
    sums = [sum(series[m] for series in districts.values()) for m in range(LAST_MONTH)]
    return _non_decreasing([round(total * rng.uniform(1, 1.006)) for total in sums])


def _figures(plan: Plan, rng: random.Random) -> tuple[dict[_Key, list[int]], dict[_Key, Decimal]]:
    """Cumulative values by month and annual targets, for the city (district None) and each split."""
    lagging = set(District.objects.filter(name__in=LAGGING_DISTRICTS).values_list("pk", flat=True))
    splits: dict[int, dict[int, Decimal]] = {}
    rows = DistrictTarget.objects.filter(indicator__task__plan=plan).values_list(
        "indicator_id", "district_id", "value"
    )
    for indicator_id, district_id, value in rows:
        splits.setdefault(indicator_id, {})[district_id] = value
    values: dict[_Key, list[int]] = {}
    targets: dict[_Key, Decimal] = {}
    indicators = Indicator.objects.filter(task__plan=plan, kind=TargetKind.QUANTITY).select_related("task")
    for indicator in indicators.order_by("task__number", "ordinal"):
        city = _city_series(indicator, rng)
        shares = splits.get(indicator.pk, {})
        if shares:
            districts = _district_series(city, shares, lagging, rng)
            city = _city_from_districts(districts, rng)
            values |= {(indicator.pk, d): series for d, series in districts.items()}
            targets |= {(indicator.pk, d): share for d, share in shares.items()}
        values[(indicator.pk, None)], targets[(indicator.pk, None)] = city, indicator.annual_target
    return values, targets


# ---------------------------------------------------------------- reports


def _report_status(task_number: int, organisation: Organisation, month: int) -> str:
    story = STATUS_STORY.get((task_number, organisation.short_name)) or STATUS_STORY.get((task_number, ""))
    if story is None and task_number in SPLIT_TASKS and organisation.short_name in LAGGING_DISTRICTS:
        story = ((6, ProgressStatus.AT_RISK),)
    status = ProgressStatus.ON_TRACK
    for start, later in story or ():
        if month >= start:
            status = later
    return status


@dataclass(eq=False)  # compared by identity: two sketches are never the same report
class _Sketch:
    report: MonthlyReport
    district_id: int | None
    values: dict[Indicator, int] = field(default_factory=dict)  # cumulative since January
    return_comment: str = ""  # the report went back once with this comment


def _step(report: MonthlyReport, by: User, reason: str, moment: datetime, **changes) -> None:
    for name, value in changes.items():
        setattr(report, name, value)
    report._history_date = moment  # simple_history dates the history row with it
    save_audited(report, by=by, reason=reason)


class _DemoYear:
    """Ten months of reports for every obligation, drawn from one random generator."""

    def __init__(self, *, plan: Plan, rng: random.Random, office: User, system: User) -> None:
        self.plan, self.rng, self.office, self.system = plan, rng, office, system
        self.values, self.targets = _figures(plan, rng)
        reporters = User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS if not a.superuser])
        self.authors = {user.organisation_id: user for user in reporters}

    def build(self) -> None:
        tasks = Task.objects.filter(plan=self.plan).select_related("category").in_bulk()
        organisations = Organisation.objects.in_bulk()
        sketches = []
        for task_id, organisation_id in sorted(obligation_pairs(plan=self.plan)):
            task, organisation = tasks[task_id], organisations[organisation_id]
            indicators = list(reportable_indicators(task=task, organisation=organisation))
            for month in range(1, LAST_MONTH + 1):
                fate = self._fate(organisation)
                if fate != "missing":
                    sketches.append(self._sketch(task, organisation, indicators, month, late=fate == "late"))
        self._twist(sketches)
        self._save(sketches)

    def _fate(self, organisation: Organisation) -> str:
        habit = organisation.short_name in LATE_DISTRICTS
        missing = 0.12 if habit else 0.01 if organisation.kind == OrganisationKind.DISTRICT else 0
        roll = self.rng.random()
        if roll < missing:
            return "missing"
        return "late" if roll < missing + (0.35 if habit else 0.04) else "on_time"

    def _sketch(
        self, task: Task, organisation: Organisation, indicators: list[Indicator], month: int, *, late: bool
    ) -> _Sketch:
        district_id = organisation.district_id if organisation.kind == OrganisationKind.DISTRICT else None
        sketch = _Sketch(MonthlyReport(task=task, organisation=organisation), district_id)
        sketch.values = {i: self.values[(i.pk, district_id)][month - 1] for i in indicators}
        report = sketch.report
        report.period = pace.month_start(YEAR, month)
        report.progress_status = _report_status(task.number, organisation, month)
        report.narrative, report.problems, report.next_steps = self._texts(sketch, month)
        report.first_submitted_at = report.submitted_at = self._submitted_at(report.period, late=late)
        report.state, report.reviewed_by = ReportState.ACCEPTED, self.office
        report.reviewed_at = report._history_date = self._later(report.submitted_at, 1, 4)
        report.created_by = self.authors.get(organisation.pk, self.system)
        return sketch

    def _texts(self, sketch: _Sketch, month: int) -> tuple[str, str, str]:
        report, status = sketch.report, sketch.report.progress_status
        narrative = self.rng.choice(NARRATIVES).format(
            org=report.organisation.display_name,
            category=report.task.category.name,
            visits=self.rng.randint(3, 12),
        )
        for indicator, value in sketch.values.items():
            share = value * 100 / self.targets[(indicator.pk, sketch.district_id)]
            narrative += f"截至{month}月底，{indicator.label}累计{value:,}{indicator.unit}，完成年度目标的{share:.1f}%。"
        narrative += STATUS_NOTES[status]
        lagging = status in (ProgressStatus.AT_RISK, ProgressStatus.BEHIND)
        specific = TASK_PROBLEMS.get(report.task.number) if lagging else None
        problems = specific or self.rng.choice(PROBLEMS[status])
        return narrative, problems, self.rng.choice(NEXT_STEPS[status])

    def _working_time(self, day: date) -> datetime:
        hour, minute = self.rng.randint(9, 17), self.rng.randint(0, 59)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)

    def _submitted_at(self, period: date, *, late: bool) -> datetime:
        day = self.rng.randint(11, 20) if late else self.rng.randint(3, self.plan.report_due_day)
        return self._working_time(pace.next_month(period).replace(day=day))

    def _later(self, moment: datetime, low: int, high: int) -> datetime:
        return self._working_time(moment.date() + timedelta(days=self.rng.randint(low, high)))

    def _twist(self, sketches: list[_Sketch]) -> None:
        """A handful went back once before acceptance; October is still partly under review.

        Returns and drafts fall on units with a demo login, so someone can act on them.
        """
        earlier = [s for s in sketches if s.report.period.month < LAST_MONTH and self._has_login(s)]
        for sketch in self.rng.sample(earlier, RETURNED_THEN_ACCEPTED):
            sketch.return_comment = self.rng.choice(RETURN_COMMENTS)
        self._leave_october_open([s for s in sketches if s.report.period.month == LAST_MONTH])

    def _has_login(self, sketch: _Sketch) -> bool:
        return sketch.report.created_by != self.system

    def _leave_october_open(self, october: list[_Sketch]) -> None:
        # Only reports without figures stay returned or in draft, so the desk counts October's figures.
        returned, drafts, pending = OCTOBER_STILL_OPEN
        actionable = [s for s in october if self._has_login(s) and not s.values]
        picked = self.rng.sample(actionable, returned + drafts)
        for sketch in picked[:returned]:
            sketch.report.state = ReportState.RETURNED
            sketch.return_comment = self.rng.choice(RETURN_COMMENTS)
        for sketch in picked[returned:]:
            self._leave_draft(sketch.report)
        for sketch in self.rng.sample([s for s in october if s not in picked], pending):
            report = sketch.report
            report.state, report.reviewed_at, report.reviewed_by = ReportState.SUBMITTED, None, None
            report._history_date = report.submitted_at

    def _leave_draft(self, report: MonthlyReport) -> None:
        report.state = ReportState.DRAFT
        report.first_submitted_at = report.submitted_at = report.reviewed_at = report.reviewed_by = None
        report._history_date = self._working_time(date(YEAR, LAST_MONTH + 1, self.rng.randint(4, 8)))

    def _save(self, sketches: list[_Sketch]) -> None:
        history = {"batch_size": 500, "default_user": self.system, "default_change_reason": REASON}
        bulk_create_with_history(
            [s.report for s in sketches if not s.return_comment], MonthlyReport, **history
        )
        for sketch in sketches:
            if sketch.return_comment:
                self._replay_return(sketch.report, sketch.return_comment)
        values = []
        for sketch in sketches:
            for indicator, value in sketch.values.items():
                row = IndicatorValue(report=sketch.report, indicator=indicator, value=Decimal(value))
                row._history_date = sketch.report._history_date
                values.append(row)
        bulk_create_with_history(values, IndicatorValue, **history)

    def _replay_return(self, report: MonthlyReport, comment: str) -> None:
        """Save the report as the review workflow would have, so its history shows the return."""
        author, office, final_state = report.created_by, self.office, report.state
        moment = report.first_submitted_at
        _step(report, author, "报送", moment, state=ReportState.SUBMITTED, reviewed_at=None, reviewed_by=None)
        moment = self._later(moment, 1, 3)
        _step(
            report, office, f"退回：{comment}", moment,
            state=ReportState.RETURNED, review_comment=comment, reviewed_at=moment, reviewed_by=office,
        )  # fmt: skip
        if final_state == ReportState.ACCEPTED:
            moment = self._later(moment, 1, 3)
            _step(report, author, "重新报送", moment, state=ReportState.SUBMITTED, submitted_at=moment)
            moment = self._later(moment, 1, 2)
            _step(
                report, office, "采纳", moment,
                state=ReportState.ACCEPTED, review_comment="", reviewed_at=moment,
            )  # fmt: skip


# Where a department's reported figure departs from the records on purpose, so the desk flags it (city figures
# only): 市人社局 counts every life-service course, subsidised or not; certificates lag the evaluation bodies.
PLANTED_DISCREPANCIES = {"17-1": Decimal("1.15"), "2-3": Decimal("0.85")}
FIGURES_REASON = "按业务数据填报（演示）"


def demo_figures_from_records(*, plan: Plan) -> int:
    """Figures of the indicators bound to a metric become what each unit would count from the demo's records.

    A department reports the city value at the end of the report's month, a district its own; the planted
    discrepancies scale the departments' figures. Indicators whose module holds no demo records (``seed_demo
    --without-training``) keep the plan's paced figures. Idempotent; returns the number of figures changed.
    """
    from simple_history.utils import bulk_update_with_history

    from jineng.core import metrics

    bound = {i.pk: i for i in Indicator.objects.filter(task__plan=plan).exclude(metric_key="").select_related("task")}
    computed: dict[tuple[int, int], metrics.MetricValue] = {}
    for indicator in bound.values():
        series = {m: metrics.metric_compute(indicator.metric_key, year=plan.year, month=m)
                  for m in range(1, LAST_MONTH + 1)}
        if series[LAST_MONTH].city:
            computed |= {(indicator.pk, m): value for m, value in series.items()}
    targets = {(t.indicator_id, t.district_id): t.value for t in DistrictTarget.objects.filter(indicator__in=bound)}
    rows = IndicatorValue.objects.filter(indicator_id__in=bound, report__period__month__lte=LAST_MONTH).select_related(
        "report__organisation__district").defer("report__organisation__district__geometry").order_by("pk")
    changed, reports = [], {}
    for row in rows:
        indicator, report = bound[row.indicator_id], row.report
        value = computed.get((indicator.pk, report.period.month))
        if value is None:
            continue
        organisation = report.organisation
        if organisation.kind == OrganisationKind.DISTRICT:
            figure = value.by_district.get(organisation.district.code, Decimal(0))
            target = targets.get((indicator.pk, organisation.district_id), indicator.annual_target)
        else:
            figure = value.city * PLANTED_DISCREPANCIES.get(indicator.code, Decimal(1))
            target = indicator.annual_target
        figure = figure.quantize(Decimal(1))
        if row.value != figure:
            row.value = figure
            changed.append(row)
            report = reports.setdefault(report.pk, report)
            report.narrative = _narrative_figure(report.narrative, indicator, figure, target, report.period.month)
    bulk_update_with_history(changed, IndicatorValue, ["value"], batch_size=500, default_user=system_user_get(),
                             default_change_reason=FIGURES_REASON)
    MonthlyReport.objects.bulk_update(reports.values(), ["narrative"], batch_size=500)
    return len(changed)


def _narrative_figure(narrative: str, indicator: Indicator, figure: Decimal, target: Decimal, month: int) -> str:
    share = figure * 100 / target if target else Decimal(0)
    sentence = f"截至{month}月底，{indicator.label}累计{int(figure):,}{indicator.unit}，完成年度目标的{share:.1f}%。"
    pattern = rf"截至{month}月底，{re.escape(indicator.label)}累计[\d,]+{re.escape(indicator.unit)}，完成年度目标的[\d.]+%。"
    return re.sub(pattern, lambda _: sentence, narrative)


def demo_metrics_bound() -> int:
    """How many of the plan's indicators are bound to a metric: the plan import binds them (the metrics declare
    their plan targets), so the demo only counts them."""
    return Indicator.objects.filter(task__plan__year=YEAR).exclude(metric_key="").count()
