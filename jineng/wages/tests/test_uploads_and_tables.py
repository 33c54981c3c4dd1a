import pytest

from jineng.core.exceptions import ImportRejected, InvalidState, NotAllowed
from jineng.wages.choices import Dimension, VersionState
from jineng.wages.models import TableCell, WageRecord, WageUpload
from jineng.wages.selectors.tables import export_json, occupation_table, occupation_tables, version_in_force
from jineng.wages.services.tables import table_version_compute, table_version_publish, table_version_submit
from jineng.wages.services.uploads import wage_template_bytes, wage_upload_import
from jineng.wages.tests.factories import enterprise, enterprise_user, pay_csv, pay_row, survey_round

pytestmark = pytest.mark.django_db


def test_upload_writes_every_row_with_the_profile_industry_and_district():
    profile = enterprise(district="310104", industry="BIO")
    survey = survey_round()

    summary = wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="pay.csv",
                                 content=pay_csv([pay_row(), pay_row(level="", post="管理", pay="200000")]))

    assert summary.rows == 2 and summary.changed
    records = WageRecord.objects.filter(upload=summary.upload)
    assert {(r.industry.code, r.district.code, r.level) for r in records} == {("BIO", "310104", 3),
                                                                             ("BIO", "310104", None)}


def test_one_wrong_row_writes_nothing():
    profile = enterprise()
    survey = survey_round()

    with pytest.raises(ImportRejected) as refused:
        wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="pay.csv",
                           content=pay_csv([pay_row(), pay_row(code="0-00-00-00")]))

    assert refused.value.errors == ["第 3 行“职业编码”：“0-00-00-00”不是 2022 年版职业分类大典中的职业编码"]
    assert not WageUpload.objects.exists() and not WageRecord.objects.exists()


def test_same_file_twice_changes_nothing_and_a_new_file_replaces_the_records():
    profile = enterprise()
    survey = survey_round()
    content = pay_csv([pay_row(), pay_row(pay="130000")])

    first = wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="a.csv", content=content)
    again = wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="a.csv", content=content)
    replaced = wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="b.csv",
                                  content=pay_csv([pay_row(pay="99000")]))

    assert not again.changed and first.upload.pk == again.upload.pk == replaced.upload.pk
    assert list(WageRecord.objects.values_list("annual_pay", flat=True)) == [99000]


def test_closed_round_refuses_uploads():
    with pytest.raises(InvalidState):
        wage_upload_import(survey_round=survey_round(is_open=False), enterprise=enterprise(), by=None,
                           file_name="a.csv", content=pay_csv([pay_row()]))


def test_template_is_a_workbook():
    assert wage_template_bytes()[:2] == b"PK"


def _survey_with_cells():
    survey = survey_round()
    profiles = [enterprise() for _ in range(4)]
    for index, profile in enumerate(profiles):
        rows = [pay_row(pay=100000 + 1000 * index + i) for i in range(4)]
        rows += [pay_row(level="四级/中级工", pay=80000 + i) for i in range(4)]
        if index == 0:
            rows += [pay_row(level="二级/技师", pay=150000)]
        wage_upload_import(survey_round=survey, enterprise=profile, by=None, file_name="p.csv", content=pay_csv(rows))
    return survey


def test_compute_stores_cells_without_amounts_for_suppressed_ones(city_officer):
    survey = _survey_with_cells()

    version = table_version_compute(survey_round=survey, by=city_officer)

    assert version.state == VersionState.DRAFT and version.n_workers == 33 and version.n_enterprises == 4
    hidden = TableCell.objects.get(version=version, dimension=Dimension.OCCUPATION_LEVEL, level=4)
    assert hidden.suppressed and hidden.reason == "few_enterprises" and hidden.p50 is None
    complement = TableCell.objects.get(version=version, dimension=Dimension.OCCUPATION_LEVEL, level=2)
    assert complement.reason == "complementary"
    shown = TableCell.objects.get(version=version, dimension=Dimension.OCCUPATION_LEVEL, level=3)
    assert not shown.suppressed and shown.n_workers == 16 and shown.p10 <= shown.p50 <= shown.p90


def test_publish_through_review_supersedes_the_previous_version(city_officer, enterprise_hr):
    survey = _survey_with_cells()
    first = table_version_compute(survey_round=survey, by=city_officer)
    table_version_publish(version=table_version_submit(version=first, by=city_officer), by=city_officer)
    second = table_version_compute(survey_round=survey, by=city_officer)

    with pytest.raises(NotAllowed):
        table_version_submit(version=second, by=enterprise_hr)
    with pytest.raises(InvalidState):
        table_version_publish(version=second, by=city_officer)
    table_version_publish(version=table_version_submit(version=second, by=city_officer), by=city_officer)

    first.refresh_from_db()
    assert first.state == VersionState.SUPERSEDED and version_in_force().pk == second.pk
    table = occupation_table(second, code="6-18-01-01")
    assert [c.level for c in table.levels] == [2, 3, 4] and table.chart()["levels"] == ["三级/高级工"]
    assert [t.occupation.code for t in occupation_tables(second, query="6-18-01")] == ["6-18-01-01"]
    assert export_json(second)["methodology_version"] == second.methodology_version


def test_enterprise_user_is_only_a_fixture_helper():
    assert enterprise_user(enterprise()).organisation.kind == "enterprise"
