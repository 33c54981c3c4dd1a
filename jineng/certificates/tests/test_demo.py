import pytest

from jineng.certificates.demo import certificates_demo_seed
from jineng.certificates.models import Certificate

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_has_suspended_and_revoked_certificates(monkeypatch):
    monkeypatch.setattr("jineng.certificates.demo.TOTAL", 400)
    first = certificates_demo_seed(year=2024)
    assert first["证书"] == 400 and first["已撤销"] > 0 and first["已暂停"] > 0
    again = certificates_demo_seed(year=2024)
    assert again["新增"] == 0 and Certificate.objects.count() == 400
    years = {d.year for d in Certificate.objects.values_list("issued_on", flat=True)}
    assert years == {2023, 2024}
    assert Certificate.objects.filter(body__organisation__users__username="cert1").exists()
