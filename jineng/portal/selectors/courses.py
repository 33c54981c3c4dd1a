"""The public course search and each course's subsidy estimate.

Search: every whitespace-separated term must occur in the course's text (occupation and work type names and
codes, institution name, their pinyin initials). On SQLite a term of three characters or more goes through the
FTS5 trigram index; shorter terms (车工, cg) and every term on PostgreSQL are substring matches, which the
pg_trgm GIN index serves on PostgreSQL and a scan of 10,000 short rows serves on SQLite.

Estimate: the subsidies app's own quote (``claim_quote``: the pure engine over the parameters in force and the
catalogues of that year) for the person-paid scheme that knows the visitor's category, as if the certificate
were obtained when the course's next class starts (today when none is open). A page of results reads the
schemes, their dated parameters and the catalogue memberships once (three queries, whatever the page size)
and computes each row in the pure engine.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from jineng.integrity.engine.rating import DEFAULT_RATING_PARAMS, UNRATED
from jineng.integrity.selectors import ratings_published_latest
from jineng.portal.choices import CourseSort
from jineng.portal.models import CourseEntry
from jineng.subsidies.choices import ApplicantCategory
from jineng.subsidies.engine import Case, QuoteError, parameters_in_force, quote
from jineng.subsidies.selectors.parameters import catalogue_memberships_many, parameters_of, scheme_list
from jineng.training.selectors import institution_status_notes, public_open_classes

MAX_TERMS = 5
MAX_QUERY = 60


@dataclass(frozen=True)
class CourseFilters:
    q: str = ""
    district_id: int | None = None
    level: int | None = None
    catalogue: str = ""
    start_from: date | None = None
    start_to: date | None = None
    fee_min: Decimal | None = None
    fee_max: Decimal | None = None
    sort: str = CourseSort.START


def _terms(query: str) -> list[str]:
    return [term for term in query.lower()[:MAX_QUERY].split() if term][:MAX_TERMS]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _text_filter(rows: QuerySet, query: str) -> QuerySet:
    for term in _terms(query):
        if connection.vendor == "sqlite" and len(term) >= 3:
            rows = rows.extra(where=["portal_courseentry.id IN (SELECT rowid FROM portal_course_fts "
                                     "WHERE portal_course_fts MATCH %s)"], params=[_fts_phrase(term)])
        else:
            rows = rows.filter(search_text__contains=term)
    return rows


ORDERINGS = {
    CourseSort.START: (F("start_date").asc(nulls_last=True), "fee", "pk"),
    CourseSort.PRICE: ("fee", F("start_date").asc(nulls_last=True), "pk"),
    CourseSort.GRADE: ("grade_rank", F("start_date").asc(nulls_last=True), "pk"),
}


def course_search(filters: CourseFilters = CourseFilters()) -> QuerySet[CourseEntry]:
    rows = _text_filter(CourseEntry.objects.all(), filters.q)
    conditions = Q()
    if filters.district_id:
        conditions &= Q(district_id=filters.district_id)
    if filters.level is not None:
        conditions &= Q(level=filters.level)
    if filters.catalogue:
        conditions &= Q(catalogues__contains=f" {filters.catalogue} ")
    if filters.start_from:
        conditions &= Q(start_date__gte=filters.start_from)
    if filters.start_to:
        conditions &= Q(start_date__lte=filters.start_to)
    if filters.fee_min is not None:
        conditions &= Q(fee__gte=filters.fee_min)
    if filters.fee_max is not None:
        conditions &= Q(fee__lte=filters.fee_max)
    ordering = ORDERINGS.get(filters.sort, ORDERINGS[CourseSort.START])
    # neither the search text nor the district's polygon (up to 16 KB of GeoJSON, decoded again for every row)
    # is shown: leaving them out keeps the rows SQLite sorts narrow
    return (rows.filter(conditions).select_related("district").defer("search_text", "district__geometry")
            .order_by(*ordering))


def course_get(project_id) -> CourseEntry | None:
    try:
        return (CourseEntry.objects.select_related("district", "project__occupation", "project__work_type")
                .defer("district__geometry").filter(project_id=int(project_id)).first())
    except (TypeError, ValueError, OverflowError):
        return None


def course_classes(entry: CourseEntry):
    return public_open_classes(project_id=entry.project_id)


# ---------------------------------------------------------------- quality and status


@dataclass(frozen=True)
class Quality:
    grade: str
    grade_label: str
    year: int | None
    sample: int | None  # trainees the grade rests on
    response_rate: Decimal | None
    enough: bool  # False: "样本不足"
    responses_enough: bool
    status: str
    status_label: str
    status_reason: str
    status_date: object


def course_quality(entries) -> dict[int, Quality]:
    """By institution id: the published grade with its sample and response rate, and a suspension or
    revocation with its reason and date."""
    from jineng.training.choices import InstitutionStatus

    entries = list(entries)
    ids = {entry.institution_id for entry in entries}
    ratings = ratings_published_latest(institution_ids=ids)
    notes = institution_status_notes(institution_ids={e.institution_id for e in entries
                                                       if e.institution_status != InstitutionStatus.ACTIVE})
    result = {}
    for entry in entries:
        rating = ratings.get(entry.institution_id)
        reason, changed = notes.get(entry.institution_id, ("", None))
        result[entry.institution_id] = Quality(
            grade=rating.grade if rating else "", grade_label=rating.get_grade_display() if rating else "",
            year=rating.year if rating else None, sample=rating.trainees if rating else None,
            response_rate=rating.survey_response_rate if rating else None,
            enough=bool(rating) and rating.grade != UNRATED and rating.trainees >= DEFAULT_RATING_PARAMS.min_trainees,
            responses_enough=bool(rating) and rating.survey_response_rate is not None
            and float(rating.survey_response_rate) >= DEFAULT_RATING_PARAMS.min_response_rate,
            status=entry.institution_status, status_label=str(InstitutionStatus(entry.institution_status).label),
            status_reason=reason, status_date=changed)
    return result


# ---------------------------------------------------------------- subsidy estimate


def subsidy_categories() -> list[tuple[str, str]]:
    return list(ApplicantCategory.choices)


def _estimate_day(entry: CourseEntry) -> date:
    return entry.start_date or timezone.localdate()


class _Inputs:
    """What the quotes of one page share, read in a constant number of queries whatever the page size: the
    person-paid schemes, every dated parameter of theirs, and the catalogue memberships of the page's occupations
    in the years of their start dates. Each row is then computed by the pure engine."""

    def __init__(self, entries=()):
        self.schemes = [scheme for scheme in scheme_list() if scheme.beneficiary == "person"]
        self.rows = parameters_of(self.schemes)
        self.params: dict = {}
        self.memberships = catalogue_memberships_many(self._key(entry) for entry in entries)

    @staticmethod
    def _key(entry: CourseEntry) -> tuple:
        return entry.project.occupation_id, entry.project.work_type_id, _estimate_day(entry).year

    def parameters(self, scheme, day: date) -> dict:
        """The scheme's parameters in force on ``day`` (``parameters_on`` without a query)."""
        key = (scheme.pk, day)
        if key not in self.params:
            self.params[key] = parameters_in_force(self.rows[scheme.pk], on=day)
        return self.params[key]

    def scheme_for(self, category: str, day: date):
        """The first active person-paid scheme whose parameters on ``day`` give a share to ``category``."""
        for scheme in self.schemes:
            if f"share.{category}" in self.parameters(scheme, day):
                return scheme
        return None

    def memberships_of(self, entry: CourseEntry) -> tuple:
        key = self._key(entry)
        if key not in self.memberships:
            self.memberships.update(catalogue_memberships_many([key]))
        return self.memberships[key]


@dataclass(frozen=True)
class Estimate:
    category: str
    fee: Decimal
    amount: Decimal | None
    net: Decimal | None
    scheme: str
    trace: tuple
    versions: tuple[str, ...]
    reason: str = ""  # why there is no estimate


def course_estimate(entry: CourseEntry, category: str, inputs: "_Inputs | None" = None) -> Estimate | None:
    """The estimated subsidy of a visitor of ``category`` for this course; None when the category is unknown.
    The same case and parameters as the subsidies app's ``claim_quote`` (a test holds them equal), read once
    per page."""
    if category not in ApplicantCategory.values:
        return None
    inputs = inputs or _Inputs([entry])
    day = _estimate_day(entry)
    scheme = inputs.scheme_for(category, day)
    if scheme is None:
        return Estimate(category, entry.fee, None, None, "", (), (), reason="no_scheme")
    case = Case(scheme_code=scheme.code, rule=scheme.rule, level=entry.level, applicant_category=category,
                certificate_date=day, memberships=inputs.memberships_of(entry), period_year=day.year)
    try:
        result = quote(case, inputs.parameters(scheme, day))
    except QuoteError as exc:
        return Estimate(category, entry.fee, None, None, scheme.name, (), (), reason=str(exc))
    return Estimate(category, entry.fee, result.amount, max(entry.fee - result.amount, Decimal("0.00")),
                    scheme.name, result.trace, result.versions)


def course_estimates(entries, category: str) -> dict[int, Estimate]:
    """By project id, for a page of results: three queries whatever the number of rows."""
    if category not in ApplicantCategory.values:
        return {}
    entries = list(entries)
    inputs = _Inputs(entries)
    return {entry.project_id: course_estimate(entry, category, inputs) for entry in entries}
