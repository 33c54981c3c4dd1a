"""Each role's capabilities as data; no module outside accounts compares roles; departments' scopes as data."""

import csv
import re
from pathlib import Path

import pytest

from jineng.accounts.choices import ROLE_BY_KIND, OrganisationKind, Role
from jineng.accounts.department_scopes import KEYS, SCOPES_CSV, department_scopes, scope_table
from jineng.accounts.models import Organisation, User
from jineng.core.capabilities import capability_names, user_can

ROOT = Path(__file__).resolve().parents[3]
KIND_BY_ROLE = {role: kind for kind, role in ROLE_BY_KIND.items()}
OFFICE_ONLY = (
    "accounts.manage_plan", "training.register_institution", "training.inspect", "occupations.manage_catalogues",
    "occupations.manage_work_types", "demand.manage", "demand.register_enterprise", "integrity.manage",
    "subsidies.pay_claims", "subsidies.manage_parameters",
)


def _user_of(role: Role, name: str | None = None) -> User:
    kind = KIND_BY_ROLE[role]
    organisation = (Organisation.objects.get(name=name) if name
                    else Organisation.objects.filter(kind=kind).first()
                    or Organisation.objects.create(kind=kind, name=f"测试{kind}"))
    return User.objects.create_user(username=f"u-{role}-{organisation.pk}", organisation=organisation)


@pytest.mark.django_db
@pytest.mark.parametrize("capability", OFFICE_ONLY)
def test_what_only_the_programme_office_does_is_a_capability_of_its_own(capability):
    holders = {role for role in ROLE_BY_KIND.values() if user_can(_user_of(role), capability)}

    assert holders == {Role.PROGRAMME_OFFICER}


@pytest.mark.django_db
def test_the_leadership_reads_everything_and_writes_nothing():
    leader = _user_of(Role.LEADER)
    writes = [name for name in capability_names()
              if name.split(".")[1].startswith(("manage", "review", "pay", "submit", "register", "run", "inspect",
                                                "edit", "withdraw", "claim", "report"))]

    assert user_can(leader, "training.see_all") and user_can(leader, "subsidies.see_all")
    assert [name for name in writes if user_can(leader, name)] == []


@pytest.mark.django_db
def test_a_user_without_an_organisation_holds_nothing():
    nobody = User.objects.create_user(username="nobody")

    held = [name for name in capability_names() if user_can(nobody, name)]
    # what any login may do: lodge an objection to a publicity list, read published calls and wage tables, quote
    assert held == ["awards.object", "awards.see_calls", "subsidies.quote", "wages.see_tables"]


def _python_sources():
    for path in sorted((ROOT / "jineng").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith("jineng/accounts/") or "/tests/" in relative or "/migrations/" in relative:
            continue
        yield relative, path.read_text(encoding="utf-8")


# A user's role (``user.role``, ``viewer.role``, ``by.role``…), not a task unit's lead/partner role.
ROLE_COMPARISON = re.compile(r"\b(user|viewer|by|reviewer)\.role\b(?!\.label)|\bRole\.[A-Z_]+\b|viewer_role")


def test_no_module_outside_accounts_compares_roles():
    offenders = [f"{name}:{n}" for name, text in _python_sources()
                 for n, line in enumerate(text.splitlines(), 1) if ROLE_COMPARISON.search(line)]

    assert offenders == []


def test_templates_ask_capabilities_never_roles():
    templates = [*(ROOT / "templates").rglob("*.html"), *(ROOT / "jineng").rglob("templates/**/*.html")]
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in templates
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"viewer_role|\.role\s*==|\.role\s*!=|_officer\"|_user\"", line)]

    assert offenders == []


def test_the_plan_capabilities_do_not_stand_in_for_the_programme_office_in_other_apps():
    stand_ins = re.compile(r"\b(MANAGE_PLAN|REVIEW_CLAIMS|SEE_WHOLE_CITY)\b")
    offenders = [f"{name}:{n}" for name, text in _python_sources() if not name.startswith("jineng/workplan/")
                 for n, line in enumerate(text.splitlines(), 1) if stand_ins.search(line)]

    assert offenders == []


# City departments and the records of the tasks they lead ------------------------------------------------------


def test_every_department_in_the_scopes_file_is_a_reference_organisation():
    with (ROOT / "jineng/accounts/data/organisations.csv").open(encoding="utf-8") as handle:
        departments = {row["name"] for row in csv.DictReader(handle) if row["kind"] == "department"}

    assert set(scope_table()) <= departments
    assert {"市财政局", "市教委", "市商务委", "市民政局", "市妇联"} <= set(scope_table())


def test_a_scope_row_naming_an_unknown_key_is_refused_with_its_line(tmp_path, monkeypatch):
    bad = tmp_path / "scopes.csv"
    bad.write_text(SCOPES_CSV.read_text(encoding="utf-8") + "市教委,9,training,colour,blue\n", encoding="utf-8")
    monkeypatch.setattr("jineng.accounts.department_scopes.SCOPES_CSV", bad)
    scope_table.cache_clear()

    try:
        with pytest.raises(ValueError, match=r"第 \d+ 行"):
            scope_table()
    finally:
        monkeypatch.undo()
        scope_table.cache_clear()


def test_only_department_officers_have_department_scopes(db, jiaowei_officer, city_officer):
    assert department_scopes(jiaowei_officer, "training")["institution_kind"] == frozenset({"college"})
    assert department_scopes(city_officer, "training") == {}
    assert set(KEYS) == {"training", "subsidies", "demand"}


def test_a_department_that_leads_no_such_task_gets_no_training_pages(db, rsj_officer, jiaowei_officer):
    assert not user_can(rsj_officer, "training.see")
    assert user_can(jiaowei_officer, "training.see")
    assert not user_can(jiaowei_officer, "training.run")
    assert OrganisationKind.DEPARTMENT in KIND_BY_ROLE.values()
