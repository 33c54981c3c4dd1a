import pytest

from jineng.library.tests import factories


@pytest.fixture
def bodies(db):
    """Two bodies with a login each (``lib-a``, ``lib-b``) and one without."""
    return factories.body("上海测试甲评价中心", with_login="lib-a"), factories.body(
        "上海测试乙评价中心", district="310101", with_login="lib-b"), factories.body("上海测试丙评价中心")
