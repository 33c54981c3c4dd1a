"""Demand personas on top of the root conftest: reviewing departments and enterprises with profiles."""

import pytest

from jineng.demand.tests import factories


@pytest.fixture
def jxw_officer(db):
    """市经济信息化委 reviews the "3+6" industries."""
    return factories.user_of("市经济信息化委", "jxw")


@pytest.fixture
def mzj_officer(db):
    """市民政局 reviews 养老护理."""
    return factories.user_of("市民政局", "mzj")


@pytest.fixture
def chip_firm(db):
    return factories.enterprise(name="上海芯测微电子有限公司", district="310115", industry="IC")


@pytest.fixture
def care_home(db):
    return factories.enterprise(name="上海颐测养老服务有限公司", district="310104", industry="ELDER")


@pytest.fixture
def chip_hr(chip_firm):
    return factories.enterprise_user(chip_firm, "chip")


@pytest.fixture
def care_hr(care_home):
    return factories.enterprise_user(care_home, "care")


@pytest.fixture
def open_campaign(db):
    return factories.campaign(name="本期填报")
