import pytest

from jineng.wages import demo
from jineng.wages.models import SoeReport, TableVersion, WageUpload

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_publishes_its_tables(monkeypatch, city_officer):
    monkeypatch.setattr(demo, "ENTERPRISES", 40)
    monkeypatch.setattr(demo, "EMPLOYEES", 4000)
    monkeypatch.setattr(demo, "demo_user", lambda username: city_officer)

    first = demo.wages_demo_seed(year=2024)
    again = demo.wages_demo_seed(year=2024)

    assert first == again
    assert WageUpload.objects.count() == 40 and 3500 < first["工资记录"] < 6000
    assert TableVersion.objects.get().state == "published"
    assert SoeReport.objects.count() == 4 and first["已调查的区"] == 14 and first["服务窗口"] == 16
