"""Which records a city department reads because it leads or co-leads the plan's tasks about them.

Declared as data in ``accounts/data/department-scopes.csv``: one row per department, records (``training``,
``subsidies``, ``demand``), key (``industry``, ``institution_kind``, ``scheme``, ``apprenticeships``) and value, with
the plan tasks that give the department that view. Each app turns its keys into a filter (its ``permissions``).
"""

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

import rules

from jineng.accounts.choices import Role

SCOPES_CSV = Path(__file__).resolve().parent / "data" / "department-scopes.csv"
KEYS = {
    "training": {"industry", "institution_kind", "apprenticeships"},
    "subsidies": {"industry", "institution_kind", "scheme"},
    "demand": {"industry"},
}

Scopes = dict[str, frozenset[str]]


@cache
def scope_table() -> dict[str, dict[str, Scopes]]:
    """organisation name -> records -> key -> values. A row naming unknown records or keys is refused loudly."""
    table: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
    with SCOPES_CSV.open(encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["by"] not in KEYS.get(row["records"], ()):
                raise ValueError(f"{SCOPES_CSV.name} 第 {line} 行：不认识的范围 {row['records']}/{row['by']}")
            table[row["organisation_name"]][row["records"]][row["by"]].add(row["value"])
    return {org: {records: {key: frozenset(values) for key, values in keys.items()} for records, keys in by.items()}
            for org, by in table.items()}


def department_scopes(user, records: str) -> Scopes:
    """The keys a department officer's organisation reads for ``records``; empty for everyone else."""
    if not getattr(user, "is_authenticated", False) or user.role != Role.DEPARTMENT_OFFICER:
        return {}
    return scope_table().get(user.organisation.name, {}).get(records, {})


def leads_records(records: str) -> rules.Predicate:
    """The predicate "the user's department leads tasks about these records"."""
    return rules.Predicate(lambda user: bool(department_scopes(user, records)), name=f"leads_records({records})")
