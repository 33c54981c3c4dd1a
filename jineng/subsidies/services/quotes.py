"""A quote for any case: the parameters in force on the certificate date and the catalogues of that year."""

from datetime import date

from django.utils import timezone

from jineng.core.exceptions import DomainError
from jineng.subsidies.engine import Case, Quote, QuoteError, quote
from jineng.subsidies.models import Scheme
from jineng.subsidies.selectors.parameters import catalogue_memberships, parameters_on


def claim_case(*, scheme: Scheme, occupation=None, work_type=None, level: int | None = None,
               applicant_category: str = "", certificate_date: date | None = None, class_hours: int | None = None,
               period_year: int | None = None) -> tuple[Case, date]:
    day = certificate_date or (date(period_year, 1, 1) if period_year else timezone.localdate())
    memberships = (catalogue_memberships(occupation=occupation, work_type=work_type, year=day.year)
                   if occupation is not None else ())
    case = Case(scheme_code=scheme.code, rule=scheme.rule, level=level, applicant_category=applicant_category,
                certificate_date=certificate_date, memberships=memberships, class_hours=class_hours,
                period_year=period_year or day.year)
    return case, day


def claim_quote(*, scheme: Scheme, occupation=None, work_type=None, level: int | None = None,
                applicant_category: str = "", certificate_date: date | None = None, class_hours: int | None = None,
                period_year: int | None = None) -> Quote:
    """The amount and its trace; a case the rules do not cover raises DomainError with the reason."""
    case, day = claim_case(scheme=scheme, occupation=occupation, work_type=work_type, level=level,
                           applicant_category=applicant_category, certificate_date=certificate_date,
                           class_hours=class_hours, period_year=period_year)
    try:
        return quote(case, parameters_on(scheme, day))
    except QuoteError as exc:
        raise DomainError(str(exc)) from exc
