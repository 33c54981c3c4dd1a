"""What goes into the subsidy engine and what comes out: frozen dataclasses, no Django."""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")

# Skill levels as the occupations app numbers them (SkillLevel): 1 = 五级/初级工 … 5 = 一级/高级技师.
LEVEL_NAMES = {0: "学徒工", 1: "五级/初级工", 2: "四级/中级工", 3: "三级/高级工", 4: "二级/技师", 5: "一级/高级技师",
               6: "特级技师", 7: "首席技师"}

# Applicant categories (ApplicantCategory values) and how a claimant reads them.
CATEGORY_NAMES = {
    "unemployed_hukou": "本市户籍失业人员、协保人员、原农村富余劳动力",
    "disabled": "残疾人",
    "veteran": "退役5年内的退役士兵",
    "employed": "在职从业人员",
    "college_graduate": "高等院校毕业学年学生",
    "vocational_graduate": "中等职业学校毕业学年学生",
    "insured_employee": "参保职工（失业保险）",
    "ui_recipient": "领取失业保险金人员",
}

# Catalogue kinds (CatalogueKind values) that can raise the standard.
KEY_SUPPORT = "key_support"
URGENT = "urgent"
SPECIAL = "special"


def yuan(value: Decimal) -> Decimal:
    """Money is rounded once, at the end, half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class QuoteError(ValueError):
    """The case cannot be quoted under the scheme's rules; the message is Chinese a claimant can read."""


@dataclass(frozen=True)
class Parameter:
    """One dated value of a scheme's rule (SubsidyParameter)."""

    key: str
    value: Decimal
    valid_from: date
    valid_to: date | None = None
    id: int | None = None
    source: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def version(self) -> str:
        return f"{self.key}@{self.valid_from.isoformat()}" + (f"#{self.id}" if self.id else "")


@dataclass(frozen=True)
class Membership:
    """The occupation appears in a published catalogue: which kind, which version, listed since when."""

    kind: str
    catalogue: str
    listed_on: date | None = None


@dataclass(frozen=True)
class Case:
    """One subsidy case: who, which certificate or course, under which scheme."""

    scheme_code: str
    rule: str = "certificate"
    level: int | None = None
    applicant_category: str = ""
    certificate_date: date | None = None
    memberships: tuple[Membership, ...] = ()
    class_hours: int | None = None
    period_year: int | None = None


@dataclass(frozen=True)
class Step:
    """One line of the calculation trace."""

    label: str
    detail: str
    value: str
    parameter: str = ""  # "key@valid_from#id" of the rule version applied, if any
    source: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"label": self.label, "detail": self.detail, "value": self.value, "parameter": self.parameter,
                "source": self.source}


@dataclass(frozen=True)
class Quote:
    amount: Decimal
    trace: tuple[Step, ...]
    versions: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict:
        return {"amount": str(self.amount), "trace": [step.as_dict() for step in self.trace],
                "versions": list(self.versions)}


@dataclass(frozen=True)
class PriorClaim:
    """A claim the person already holds (any state); the checks decide which states count."""

    number: str
    scheme_code: str
    per_certificate: bool
    occupation_code: str
    work_type: str
    level: int | None
    applicant_category: str
    period_year: int
    active: bool
    enrolment_id: int | None = None


@dataclass(frozen=True)
class ClaimFacts:
    """Everything the automatic checks look at, gathered by the service from the database."""

    scheme_code: str
    per_certificate: bool
    occupation_code: str
    occupation_name: str
    work_type: str
    level: int | None
    applicant_category: str
    certificate_date: date | None
    submitted_on: date
    period_year: int
    enrolment_id: int | None = None
    enrolment_funded_by: str = ""  # number of another active claim that already funds this enrolment
    urgent_occupation: bool = False
    special_listed_on: date | None = None  # 专项职业能力 item: publication date of its catalogue entry
    prior: tuple[PriorClaim, ...] = ()
    certificate_no: str = ""
    #: what the certificate register says on the claim date: "valid", "not_found", "other_holder", "not_yet",
    #: "suspended", "revoked"; "" when not looked up
    register_state: str = ""
    register_status_date: date | None = None
    register_reason: str = ""


@dataclass(frozen=True)
class CheckResult:
    code: str
    label: str
    passed: bool
    message: str = ""

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "passed": self.passed, "message": self.message}
