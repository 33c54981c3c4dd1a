from decimal import Decimal

import pytest
from django.urls import reverse

from jineng.core.exceptions import DomainError, ImportRejected, NotAllowed
from jineng.core.models import District
from jineng.wages.selectors.district import district_figures
from jineng.wages.services.district import district_survey_import, service_window_save
from jineng.wages.tests.factories import pay_csv

pytestmark = pytest.mark.django_db
HEADER = ["职业编码", "技能等级", "人数"]


def test_district_survey_counts_skilled_and_high_skilled(pudong_officer):
    pudong = District.objects.get(code="310115")
    content = pay_csv([["6-18-01-01", "三级/高级工", "40"], ["6-18-01-01", "五级", "60"]], header=HEADER)

    district_survey_import(district=pudong, year=2024, content=content, file_name="s.csv", by=pudong_officer)
    again = district_survey_import(district=pudong, year=2024, content=content, file_name="s.csv", by=pudong_officer)

    figure = next(f for f in district_figures(viewer=pudong_officer, year=2024) if f.district == pudong)
    assert (figure.skilled, figure.high_skilled, figure.high_skilled_share) == (100, 40, 40.0)
    assert again.counts.count() == 2
    others = [f for f in district_figures(viewer=pudong_officer, year=2024) if f.district != pudong]
    assert not any(f.surveyed for f in others)


def test_district_survey_is_all_or_nothing_and_only_for_the_own_district(pudong_officer):
    pudong, huangpu = District.objects.get(code="310115"), District.objects.get(code="310101")

    with pytest.raises(ImportRejected) as refused:
        district_survey_import(district=pudong, year=2024, by=pudong_officer, file_name="s.csv",
                               content=pay_csv([["6-18-01-01", "三级", "4"], ["6-18-01-01", "三级", "x"]],
                                               header=HEADER))
    with pytest.raises(NotAllowed):
        district_survey_import(district=huangpu, year=2024, by=pudong_officer, file_name="s.csv",
                               content=pay_csv([["6-18-01-01", "三级", "4"]], header=HEADER))

    assert refused.value.errors == ["第 3 行“人数”：“x”应为 0–1000000 的整数"]


def test_service_window_coordinates_must_lie_in_the_district(pudong_officer):
    pudong = District.objects.get(code="310115")
    values = {"name": "浦东窗口", "address": "世纪大道 1 号", "lon": Decimal("121.544"), "lat": Decimal("31.221"),
              "hours": "工作日 9:00–17:00", "phone": "", "is_active": True}

    window = service_window_save(district=pudong, values=values, by=pudong_officer)
    with pytest.raises(DomainError, match="坐标不在"):
        service_window_save(district=pudong, values={**values, "name": "外滩", "lon": Decimal("121.484"),
                                                     "lat": Decimal("31.232")}, by=pudong_officer)

    assert window.district == pudong


def test_workforce_page_and_export(client, pudong_officer):
    client.force_login(pudong_officer)

    page = client.get(reverse("wages:workforce"), {"year": "2024"})
    export = client.get(reverse("wages:workforce_export"), {"year": "99999999999999999999"})

    assert page.status_code == 200 and b"workforce-map" in page.content
    assert export.status_code == 200


def test_district_uploads_its_survey_through_the_api(client, pudong_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(pudong_officer)
    content = pay_csv([["6-18-01-01", "三级", "7"]], header=HEADER)

    answer = client.post("/api/v1/wages/workforce/upload/",
                         {"year": "2024", "file": SimpleUploadedFile("s.csv", content, content_type="text/csv")})
    elsewhere = client.post("/api/v1/wages/workforce/upload/", {
        "year": "2024", "district": "310101", "file": SimpleUploadedFile("s.csv", content, content_type="text/csv")})

    assert answer.status_code == 201 and answer.json() == {"district": "310115", "year": 2024, "rows": 1}
    assert elsewhere.status_code == 403


def test_the_register_counts_each_holder_once_at_the_highest_level_and_a_survey_adds_what_it_does_not_hold(
        pudong_officer):
    from datetime import date

    from jineng.certificates.tests import factories as certificates
    from jineng.training.tests.factories import person

    pudong = District.objects.get(code="310115")
    body = certificates.body(district="310115", with_login=False)
    a, b, c = person(), person(), person()
    certificates.certificate(holder=a, b=body, level=3, issued_on=date(2023, 5, 1))
    certificates.certificate(holder=a, b=body, level=4, issued_on=date(2024, 6, 1))  # a: counted once, at 二级
    certificates.certificate(holder=b, b=body, level=3, issued_on=date(2024, 6, 1))
    certificates.certificate(holder=c, b=body, level=1, issued_on=date(2025, 1, 2))  # after the year: not counted
    certificates.certificate(b=body, level=3, issued_on=date(2024, 2, 1), status="revoked",
                             status_date=date(2024, 9, 1))  # revoked within the year: not counted
    certificates.certificate(b=body, level=1, issued_on=date(2024, 2, 1), status="revoked",
                             status_date=date(2025, 3, 1))  # revoked only after the year: counted
    figure = next(f for f in district_figures(viewer=pudong_officer, year=2024) if f.district == pudong)
    assert (figure.skilled, figure.high_skilled, figure.surveyed, figure.counted) == (3, 2, False, True)

    # The survey counts 5 at 三级 (more than the register's 1) and 0 at 二级 (fewer than the register's 1).
    district_survey_import(district=pudong, year=2024, by=pudong_officer, file_name="s.csv",
                           content=pay_csv([["6-18-01-01", "三级", "5"], ["6-18-01-01", "二级", "0"]], header=HEADER))

    figure = next(f for f in district_figures(viewer=pudong_officer, year=2024) if f.district == pudong)
    assert (figure.skilled, figure.high_skilled, figure.surveyed) == (5 + 1 + 1, 5 + 1, True)
