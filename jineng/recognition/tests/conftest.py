import pytest

from jineng.demand.tests import factories as demand


@pytest.fixture
def pudong_enterprise(db):
    """An enterprise on the demand platform in 浦东 with its login."""
    profile = demand.enterprise(name="上海测试装备制造有限公司", district="310115", industry="IC")
    return demand.enterprise_user(profile, "rec-ent-a")


@pytest.fixture
def huangpu_enterprise(db):
    profile = demand.enterprise(name="上海测试汽车零部件有限公司", district="310101", industry="AUTO")
    return demand.enterprise_user(profile, "rec-ent-b")


@pytest.fixture
def lathe(db):
    from jineng.occupations.models import Occupation

    return Occupation.objects.get(code="6-18-01-01")
