from pathlib import Path

import pytest

from jineng.core.exceptions import ImportRejected
from jineng.workplan.models import Category, Indicator, Plan, Task, TaskUnit
from jineng.workplan.services.plan_import import plan_import_file

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = (FIXTURES / "plan-2024.txt").read_text(encoding="utf-8")


def test_imports_46_tasks_19_categories_and_14_quantity_targets(plan):
    assert Task.objects.filter(plan=plan).count() == 46
    assert Category.objects.filter(plan=plan).count() == 19
    quantities = Indicator.objects.filter(task__plan=plan, kind="quantity").order_by("task__number", "ordinal")
    assert [int(i.annual_target) for i in quantities] == [
        800000, 120000, 45000, 100, 30, 10000, 30000, 30, 30, 20, 30, 300, 100, 30,
    ]
    assert set(Indicator.objects.filter(task__plan=plan).exclude(kind="quantity").values_list("task__number", flat=True)) == {12, 23, 34, 43}


def test_expands_group_lead_units(plan):
    assert TaskUnit.objects.filter(task__number=14, role="lead").count() == 16
    members = TaskUnit.objects.filter(task__number=1, role="lead")
    assert members.count() == 9 and all(u.via == "各成员单位" for u in members)
    task_37 = Task.objects.get(plan=plan, number=37)
    assert task_37.designation_pending and not task_37.task_units.exists()
    assert list(Task.objects.get(plan=plan, number=3).task_units.values_list("organisation__name", flat=True)) == [
        "市人力资源社会保障局", "市财政局",
    ]


@pytest.mark.parametrize("name", ["plan-2024.xlsx", "plan-2024.docx"])
def test_xlsx_and_docx_import_identically_and_change_nothing(plan, name):
    before = Task.history.count(), Indicator.history.count(), TaskUnit.history.count()

    summary = plan_import_file(path=FIXTURES / name, year=2024, by=None)

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 46)
    assert (Task.history.count(), Indicator.history.count(), TaskUnit.history.count()) == before


def test_corrected_version_updates_in_place_with_audit_trail(plan, tmp_path, city_officer):
    corrected = tmp_path / "plan.txt"
    corrected.write_text(SEED.replace("编制发布300个竞赛项目", "编制发布320个竞赛项目"), encoding="utf-8")

    summary = plan_import_file(path=corrected, year=2024, by=city_officer, reason="更正竞赛项目数")

    assert (summary.created, summary.updated) == (0, 1)
    indicator = Indicator.objects.get(task__plan=plan, task__number=29)
    assert indicator.annual_target == 320
    latest = indicator.history.order_by("-history_date").first()
    assert latest.history_user == city_officer and latest.history_change_reason == "更正竞赛项目数"
    assert "annual_target" in latest.diff_against(latest.prev_record).changed_fields


def _refused(tmp_path, text: str) -> str:
    path = tmp_path / "bad.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportRejected) as error:
        plan_import_file(path=path, year=2030, by=None)
    assert not Plan.objects.filter(year=2030).exists()
    return str(error.value)


def test_refuses_unknown_lead_unit_and_writes_nothing(db, tmp_path):
    message = _refused(tmp_path, SEED.replace("市妇联", "市不存在局"))

    assert "市不存在局" in message and "序号 17" in message


def test_refuses_duplicate_number_naming_the_row(db, tmp_path):
    message = _refused(tmp_path, SEED.replace("\t5\n", "\t4\n", 1))

    assert "行" in message and "4" in message


def test_refuses_file_without_header(db, tmp_path):
    assert "表头" in _refused(tmp_path, "这不是任务分工表\n一些文字\n")


COMPUTED = {
    "2-1": "training.subsidised_person_times", "2-2": "training.new_skill_person_times",
    "2-3": "certificates.high_skill_certificates", "4-1": "catalogue.urgent_entries",
    "4-2": "catalogue.new_skill_entries", "16-1": "training.apprentices",
    "17-1": "training.life_service_person_times",
    "20-1": "evaluation.new_social_items", "24-1": "evaluation.new_employer_bodies",
    "25-1": "evaluation.special_items_by_employers", "27-1": "evaluation.colleges_filed",
    "29-1": "competitions.items", "31-1": "awards.chief_technicians", "31-2": "awards.master_studios",
}  # fmt: skip


def _bindings(plan) -> dict[str, str]:
    indicators = Indicator.objects.filter(task__plan=plan).exclude(metric_key="").select_related("task")
    return {i.code: i.metric_key for i in indicators}


def test_import_binds_the_targets_that_modules_compute(plan):
    assert _bindings(plan) == COMPUTED
    # bound beside the reported figure: the departments still report, the desk shows both
    assert set(Indicator.objects.filter(task__plan=plan).values_list("source", flat=True)) == {"reported"}


def test_the_import_management_command_binds_them_too(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("import_plan", str(FIXTURES / "plan-2024.txt"), stdout=StringIO())

    assert _bindings(Plan.objects.get(year=2024)) == COMPUTED


def test_office_unbinding_and_rebinding_survive_a_re_import(plan, city_officer):
    from jineng.workplan.services.targets import indicator_update

    apprentices = Indicator.objects.get(task__plan=plan, task__number=16)
    indicator_update(indicator=apprentices, by=city_officer, pace_profile=apprentices.pace_profile,
                     source="reported", metric_key="", reason="学徒数据由人社局统计口径填报")
    competitions = Indicator.objects.get(task__plan=plan, task__number=29)
    indicator_update(indicator=competitions, by=city_officer, pace_profile=competitions.pace_profile,
                     source="reported", metric_key="training.apprentices", reason="试用")

    plan_import_file(path=FIXTURES / "plan-2024.txt", year=2024, by=None)

    bindings = _bindings(plan)
    assert "16-1" not in bindings and bindings["29-1"] == "training.apprentices"
    latest = apprentices.history.order_by("-history_date").first()
    assert latest.history_user == city_officer and latest.history_change_reason == "学徒数据由人社局统计口径填报"


def test_an_ambiguous_or_unmatched_target_stays_unbound():
    from jineng.core.metrics import metric_for_target

    assert metric_for_target(label="补贴性职业技能培训", unit="人次") == "training.subsidised_person_times"
    assert metric_for_target(label="补贴性职业技能培训", unit="个") == ""
    assert metric_for_target(label="竞赛项目", unit="人次") == ""


@pytest.mark.parametrize("suffix", [".txt", ".xlsx", ".docx"])
def test_an_empty_file_is_refused_as_empty(db, tmp_path, suffix):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(b"")

    with pytest.raises(ImportRejected, match="文件是空的"):
        plan_import_file(path=path, year=2024, by=None)

    assert not Plan.objects.exists()


def test_a_blank_text_file_is_refused_as_empty(db, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("\n  \n", encoding="utf-8")

    with pytest.raises(ImportRejected, match="文件是空的"):
        plan_import_file(path=path, year=2024, by=None)


def test_the_command_says_an_empty_file_is_empty(db, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match="文件是空的"):
        call_command("import_plan", str(path))


def test_the_upload_page_says_an_empty_file_is_empty(client, city_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(city_officer)

    page = client.post(reverse("workplan:plan_import"), {"year": 2024, "file": SimpleUploadedFile("plan.txt", b"")})

    assert "文件是空的" in page.content.decode()


@pytest.mark.parametrize(("name", "kind"), [("plan.xlsx", "Excel"), ("plan.docx", "Word")])
def test_a_zip_bomb_plan_is_refused_before_it_is_inflated(db, tmp_path, settings, name, kind):
    from jineng.core.engine.files import MB
    from jineng.core.tests.zipbomb import docx_bomb, xlsx_bomb

    settings.JINENG_MAX_UNZIPPED_BYTES = 1 * MB
    path = tmp_path / name
    path.write_bytes((xlsx_bomb if kind == "Excel" else docx_bomb)(2 * MB))

    with pytest.raises(ImportRejected, match=f"{kind}文件被拒绝：解压后为 2 MB"):
        plan_import_file(path=path, year=2024, by=None)
