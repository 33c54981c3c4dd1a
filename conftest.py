"""Named personas and a small world shared by every app's tests."""

from pathlib import Path

import pytest

PLAN_TXT = Path(__file__).resolve().parent / "jineng/workplan/tests/fixtures/plan-2024.txt"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AXES_ENABLED = False
    # Argon2 takes half a second per user; production hashing is checked in core/tests/test_security.py.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username: str, organisation_name: str | None):
    from jineng.accounts.models import Organisation, User

    organisation = Organisation.objects.get(name=organisation_name) if organisation_name else None
    user = User.objects.create_user(username=username, password="Test-pass-2024!", organisation=organisation)
    user.display_name = username
    user.save(update_fields=["display_name"])
    return user


@pytest.fixture
def plan(db):
    from jineng.workplan.services.plan_import import plan_import_file

    return plan_import_file(path=PLAN_TXT, year=2024, by=None).plan


@pytest.fixture
def city_officer(db):
    return _user("office", "市人力资源社会保障局高技能人才工作专班办公室")


@pytest.fixture
def leader(db):
    return _user("leader", "市高技能人才队伍建设工作领导小组")


@pytest.fixture
def rsj_officer(db):
    return _user("rsj", "市人力资源社会保障局")


@pytest.fixture
def jiaowei_officer(db):
    return _user("jiaowei", "市教委")


@pytest.fixture
def pudong_officer(db):
    return _user("pudong", "浦东新区人民政府")


@pytest.fixture
def huangpu_officer(db):
    return _user("huangpu", "黄浦区人民政府")


@pytest.fixture
def enterprise_hr(db):
    from jineng.accounts.models import Organisation

    Organisation.objects.get_or_create(name="上海测试企业有限公司", defaults={"kind": "enterprise"})
    return _user("enterprise", "上海测试企业有限公司")


@pytest.fixture
def open_plan(db):
    """The 2024 table imported as this year's plan, so the current month is open for reporting."""
    from django.utils import timezone

    from jineng.workplan.services.plan_import import plan_import_file

    return plan_import_file(path=PLAN_TXT, year=timezone.localdate().year, by=None).plan


@pytest.fixture
def this_month():
    from django.utils import timezone

    return timezone.localdate().replace(day=1)
