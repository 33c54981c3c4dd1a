"""What the public home page shows: the programme in figures, the published catalogues, this month's
competitions, the latest stories and news, and the entry points a visitor may open."""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jineng.competitions.selectors import calendar_events
from jineng.core.metrics import get_metric, metric_values
from jineng.core.modules import nav_entries
from jineng.occupations.selectors.catalogues import catalogue_version_list
from jineng.portal.choices import ArticleKind, ArticleState
from jineng.portal.models import Article
from jineng.workplan.selectors.desk import latest_month
from jineng.workplan.selectors.reports import plan_current

# A handful of figures a visitor understands, in this order; a metric not registered is skipped.
HOME_METRICS = (
    "training.subsidised_person_times",
    "certificates.high_skill_certificates",
    "training.apprentices",
    "competitions.items",
    "competitions.contestants",
    "catalogue.urgent_entries",
    "demand.enterprises_reporting",
)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    value: Decimal
    as_of: date


def figures_period() -> tuple[int, int]:
    """The month the figures are counted to: the one the supervision desk opens on (the plan's latest reported
    month), else the current month."""
    plan = plan_current()
    if plan is None:
        today = timezone.localdate()
        return today.year, today.month
    return plan.year, latest_month(plan)


def home_figures() -> list[Figure]:
    year, month = figures_period()
    as_of = date(year, month, monthrange(year, month)[1])
    values = metric_values(HOME_METRICS, year=year, month=month)
    figures = []
    for key in HOME_METRICS:
        if key in values:
            metric = get_metric(key)
            figures.append(Figure(key, metric.shown_label(), metric.shown_unit(), values[key].city, as_of))
    return figures


def home_catalogues():
    """The newest published version of each catalogue kind."""
    latest = {}
    for version in catalogue_version_list(published_only=True):
        latest.setdefault(version.kind, version)
    return list(latest.values())


def home_competitions(*, limit: int = 6) -> tuple[date, list]:
    """This month's events of the public calendar; when this month has none, the latest month that has."""
    today = timezone.localdate()
    events = list(calendar_events(year=today.year, month=today.month)[:limit])
    if events:
        return today.replace(day=1), events
    last = calendar_events().filter(start_date__lte=today).order_by("-start_date").first() or \
        calendar_events().first()
    if last is None:
        return today.replace(day=1), []
    month = last.start_date.replace(day=1)
    return month, list(calendar_events(year=month.year, month=month.month)[:limit])


def articles_published(*, kind: str = ""):
    rows = Article.objects.filter(state=ArticleState.PUBLISHED).select_related("organisation")
    if kind in ArticleKind.values:
        rows = rows.filter(kind=kind)
    return rows.order_by("-published_at", "-pk")


@dataclass(frozen=True)
class EntryPoint:
    label: str
    url_name: str


def home_entry_points() -> list[EntryPoint]:
    """Every registered nav entry a visitor without a login may open (the portal's own pages register theirs)."""
    visitor = AnonymousUser()
    return [EntryPoint(str(entry.label), entry.url_name) for entry in nav_entries() if entry.visible(visitor)]
