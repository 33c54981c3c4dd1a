"""Demo: the risk pass over whatever demo data exists, a few reviews, and the year's ratings published.

Dated into the demo year: the pass on 28 October (after the last demo claim), the reviews on 4 November and the
ratings on 8 November, so the desk at October counts the findings.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from jineng.accounts.models import User
from jineng.integrity.choices import FindingStatus, RiskRule
from jineng.integrity.engine.rules import RULES
from jineng.integrity.models import InstitutionRating, RiskFinding, RiskRun
from jineng.integrity.services.findings import finding_review
from jineng.integrity.services.ratings import rating_compute, rating_publish
from jineng.integrity.services.runs import risk_run_execute

_CONFIRM = [RiskRule.SHARED_DEVICE, RiskRule.DUPLICATE_CLAIM, RiskRule.CLAIM_BURST, RiskRule.OVER_CAPACITY]
_DISMISS = [RiskRule.IMPLAUSIBLE_AGE, RiskRule.OVERLAPPING_CLASSES, RiskRule.IMPOSSIBLE_TRAVEL]


def _programme_officer() -> User | None:
    officers = User.objects.filter(organisation__kind="programme_office", is_active=True).order_by("pk")
    return officers.first()


def integrity_demo_run(*, year: int) -> dict:
    officer = _programme_officer()
    run = risk_run_execute(run_id=RiskRun.objects.create(started_by=officer, rules_total=len(RULES)).pk)
    reviewed = {"confirmed": 0, "dismissed": 0}
    if officer is not None and not RiskFinding.objects.exclude(status=FindingStatus.OPEN).exists():
        open_findings = RiskFinding.objects.filter(status=FindingStatus.OPEN, institution__isnull=False)
        for rule in _CONFIRM:
            finding = open_findings.filter(rule=rule).order_by("-score", "pk").first()
            if finding and reviewed["confirmed"] < 2:
                finding_review(finding=finding, by=officer, outcome=FindingStatus.CONFIRMED,
                               note="经现场核查，情况属实，已责令整改并追回补贴")
                reviewed["confirmed"] += 1
        for rule in _DISMISS:
            finding = RiskFinding.objects.filter(status=FindingStatus.OPEN, rule=rule).order_by("score", "pk").first()
            if finding and not reviewed["dismissed"]:
                finding_review(finding=finding, by=officer, outcome=FindingStatus.DISMISSED,
                               note="经核实为信息录入错误，已更正，不属违规")
                reviewed["dismissed"] += 1
    ratings = rating_compute(year=year, by=officer)
    published = rating_publish(year=year, by=officer) if officer is not None and ratings else 0
    _dates_into(year, run)
    return {"run": run.pk, "counts": run.counts, **reviewed, "ratings": len(ratings), "published": published}


def _dates_into(year: int, run: RiskRun) -> None:
    def at(month: int, day: int, hour: int) -> datetime:
        return datetime.combine(date(year, month, day), time(hour), tzinfo=ZoneInfo("Asia/Shanghai"))

    RiskRun.objects.filter(pk=run.pk).update(created_at=at(10, 28, 9), started_at=at(10, 28, 9),
                                             finished_at=at(10, 28, 10))
    RiskFinding.objects.filter(reviewed_at__isnull=False).update(reviewed_at=at(11, 4, 15))
    InstitutionRating.objects.filter(year=year).update(computed_at=at(11, 8, 10))
    InstitutionRating.objects.filter(year=year, is_published=True).update(published_at=at(11, 8, 16))
