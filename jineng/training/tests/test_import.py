import csv
import io
import json
import random
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from jineng.core.identifiers import synthetic_resident_id
from jineng.core.models import Person
from jineng.training.engine.records import COLUMNS
from jineng.training.models import Enrolment, TrainingImport
from jineng.training.services.imports import training_import_run, training_template_bytes
from jineng.training.tests import factories

TODAY = date(2024, 12, 31)


@pytest.fixture
def klass(db):
    inst = factories.institution()
    return factories.training_class(factories.project(inst, code="4-10-01-05", level=3), capacity=5,
                                    code="BJ-A", start=date(2024, 3, 4))


def numbers(n, seed=1):
    rng = random.Random(seed)
    return [synthetic_resident_id(rng=rng) for _ in range(n)]


def row(klass, number, **overrides):
    values = {
        "机构统一社会信用代码": klass.institution.credit_code, "班级编号": klass.code, "身份证号": number,
        "姓名": "张三", "职业编码": klass.project.occupation.code, "等级": "三级", "报名日期": "2024-02-20",
        "结业日期": "2024-05-03", "出勤课时": "120", "考核结果": "合格", "证书编号": "S0001", "发证日期": "2024-05-20",
    }
    values.update(overrides)
    return values


def csv_bytes(rows, *, bom=False, columns=COLUMNS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode()


def xlsx_bytes(rows, *, formula_at=None):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([r.get(c, "") for c in COLUMNS])
    if formula_at:
        sheet[formula_at] = "=1+1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(content, name="records.csv", **kwargs):
    return training_import_run(content=content, file_name=name, by=None, today=TODAY, **kwargs)


def test_imports_every_row_of_a_csv_with_byte_order_mark(klass):
    rows = [row(klass, n) for n in numbers(3)]

    record = run(csv_bytes(rows, bom=True))

    assert record.status == "done", record.errors_shown
    assert (record.created_count, record.updated_count, record.unchanged_count) == (3, 0, 0)
    enrolment = Enrolment.objects.get(person__resident_id_masked=rows[0]["身份证号"][:6] + "********"
                                      + rows[0]["身份证号"][14:])
    assert enrolment.status == "completed" and enrolment.exam_result == "passed"
    assert enrolment.exam_date == date(2024, 5, 3) and enrolment.imported_by == record
    assert Person.objects.count() == 3


def test_imported_people_match_what_the_registry_derives_from_their_numbers(klass):
    from jineng.core.crypto import decrypt_text
    from jineng.core.identifiers import resident_id_mask, resident_id_parse
    from jineng.core.people import person_find

    numbers_ = numbers(4, seed=7)
    run(csv_bytes([row(klass, n) for n in numbers_]))

    for number in numbers_:
        parsed, person = resident_id_parse(number), person_find(number)
        assert (person.resident_id_masked, person.sex, person.birth_date, person.area_code) == (
            resident_id_mask(number), parsed.sex, parsed.birth_date, parsed.area_code)
        assert decrypt_text(person.resident_id_encrypted) == number


def test_imports_the_same_rows_from_an_xlsx(klass):
    record = run(xlsx_bytes([row(klass, n) for n in numbers(2)]), name="records.xlsx")

    assert record.status == "done", record.errors_shown
    assert record.created_count == 2


def test_reimporting_the_same_file_changes_nothing(klass):
    content = csv_bytes([row(klass, n) for n in numbers(3)])
    run(content)

    again = run(content)

    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert Enrolment.objects.count() == 3


def test_a_corrected_file_updates_rows_in_place(klass):
    ids = numbers(3)
    run(csv_bytes([row(klass, n, 考核结果="", 证书编号="", 发证日期="") for n in ids]))

    corrected = run(csv_bytes([row(klass, n) for n in ids]))

    assert (corrected.created_count, corrected.updated_count, corrected.unchanged_count) == (0, 3, 0)
    assert set(Enrolment.objects.values_list("exam_result", flat=True)) == {"passed"}
    assert set(Enrolment.objects.values_list("imported_by", flat=True)) == {corrected.pk}


def test_people_already_registered_are_reused(klass):
    person, number = factories.person_with_number()

    run(csv_bytes([row(klass, number)]))

    assert Enrolment.objects.get().person == person


@pytest.mark.parametrize(("override", "column", "expected"), [
    ({"身份证号": "BAD"}, "身份证号", "18 位"),
    ({"职业编码": "9-99-99-99"}, "职业编码", "不是职业分类大典"),
    ({"职业编码": "6-25-04-05"}, "职业编码", "不符"),
    ({"等级": "四级"}, "等级", "不符"),
    ({"报名日期": "2024-02-30"}, "报名日期", "不是有效日期"),
    ({"结业日期": "2024-01-01"}, "结业日期", "早于报名日期"),
    ({"出勤课时": "-3"}, "出勤课时", "不是非负整数"),
    ({"出勤课时": "1.5"}, "出勤课时", "不是非负整数"),
    ({"考核结果": "优秀"}, "考核结果", "不是有效结果"),
    ({"发证日期": ""}, "发证日期", "必填"),
    ({"班级编号": "NOPE"}, "班级编号", "没有编号为"),
    ({"报名日期": "2025-06-01"}, "报名日期", "晚于今天"),
])
def test_rejects_the_whole_file_when_one_row_is_wrong(klass, override, column, expected):
    good = [row(klass, n) for n in numbers(3)]
    bad = row(klass, numbers(1, seed=99)[0], **override)

    record = run(csv_bytes([*good, bad]))

    assert record.status == "rejected"
    assert any(e.startswith(f"第 5 行“{column}”") and expected in e for e in record.errors_shown), record.errors_shown
    assert Enrolment.objects.count() == 0 and Person.objects.count() == 0


def test_rejects_a_changed_check_character_naming_row_and_column(klass):
    number = numbers(1)[0]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")

    record = run(csv_bytes([row(klass, wrong)]))

    assert record.errors_shown == [f"第 2 行“身份证号”：身份证号码校验位错误：应为 {number[17]}"]
    assert number not in json.dumps(record.errors) and wrong not in json.dumps(record.errors)


def test_rejects_rows_beyond_the_class_capacity_counting_existing_enrolments(klass):
    factories.enrolment(klass)
    factories.enrolment(klass)

    record = run(csv_bytes([row(klass, n) for n in numbers(4)]))

    assert record.status == "rejected"
    assert record.errors_shown[0].startswith("第 5 行“班级编号”：培训班 BJ-A 核定 5 人，已报名 2 人")
    assert Enrolment.objects.count() == 2


def test_reimport_of_a_full_class_is_not_over_capacity(klass):
    content = csv_bytes([row(klass, n) for n in numbers(5)])
    run(content)

    assert run(content).status == "done"


def test_rejects_the_same_person_twice_in_one_class(klass):
    number = numbers(1)[0]

    record = run(csv_bytes([row(klass, number), row(klass, number)]))

    assert record.errors_shown == ["第 3 行“身份证号”：与第 2 行是同一班级的同一人，请合并为一行"]


def test_rejects_missing_and_unknown_columns(klass):
    columns = [c for c in COLUMNS if c != "姓名"] + ["备注"]

    record = run(csv_bytes([row(klass, numbers(1)[0])], columns=columns))

    assert record.status == "rejected"
    assert any("未知的列“备注”" in e for e in record.errors_shown)
    assert any("缺少列：姓名" in e for e in record.errors_shown)


def test_rejects_an_xlsx_with_a_formula_cell(klass):
    record = run(xlsx_bytes([row(klass, n) for n in numbers(2)], formula_at="I3"), name="r.xlsx")

    assert record.errors_shown == ["第 3 行第 9 列：单元格含公式，请粘贴为数值后再上传"]
    assert Enrolment.objects.count() == 0


def test_rejects_an_oversize_file(klass, settings):
    settings.JINENG_MAX_UPLOAD_BYTES = 100

    record = run(csv_bytes([row(klass, n) for n in numbers(3)]))

    assert record.status == "rejected" and record.errors_shown[0].startswith("文件过大")


def test_refuses_rows_of_another_institution_for_an_institution_upload(klass):
    other = factories.institution()

    record = run(csv_bytes([row(klass, numbers(1)[0])]), institution=other)

    assert record.status == "rejected"
    assert record.errors_shown[0].startswith("第 2 行“机构统一社会信用代码”")


def test_the_command_imports_and_reports_json(klass, tmp_path, capsys):
    path = tmp_path / "records.csv"
    path.write_bytes(csv_bytes([row(klass, n) for n in numbers(2)]))

    call_command("import_training", str(path), "--json", "--institution", klass.institution.credit_code)

    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "done" and out["created"] == 2


def test_the_command_fails_with_the_errors(klass, tmp_path):
    path = tmp_path / "records.csv"
    path.write_bytes(csv_bytes([row(klass, "123")]))

    with pytest.raises(CommandError):
        call_command("import_training", str(path))

    assert TrainingImport.objects.get().status == "rejected"


def test_the_template_has_every_column(klass):
    from jineng.core.spreadsheets import read_xlsx_rows

    rows = read_xlsx_rows(training_template_bytes(institution=klass.institution))

    assert rows[0] == list(COLUMNS) and rows[1][1] == "BJ-A"


def test_the_fast_check_character_agrees_with_the_standard():
    from jineng.core.identifiers import resident_id_check_char
    from jineng.training.engine.records import _check_char, resident_id_check

    for number in numbers(200, seed=3) + ["11010519491231002X", "440524188001010014"]:
        assert _check_char(number) == resident_id_check_char(number[:17]) == number[17]
        assert resident_id_check(number)[0] == number


def test_a_zip_bomb_is_rejected_before_it_is_inflated(db, settings):
    from jineng.core.engine.files import MB
    from jineng.core.tests.zipbomb import xlsx_bomb

    settings.JINENG_MAX_UNZIPPED_BYTES = 1 * MB

    record = run(xlsx_bomb(2 * MB), name="records.xlsx")

    assert record.status == "rejected"
    assert record.errors_shown == ["Excel文件被拒绝：解压后为 2 MB，上限为 1 MB。请检查文件，或将数据分成几个文件上传"]


def test_the_command_refuses_a_zip_bomb_with_a_chinese_message(db, tmp_path, capsys):
    from jineng.core.engine.files import MB
    from jineng.core.tests.zipbomb import xlsx_bomb

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(xlsx_bomb(3 * MB))

    with pytest.raises(CommandError, match="未导入"):
        call_command("import_training", str(path))

    assert "疑似压缩炸弹" in capsys.readouterr().err
    assert not Enrolment.objects.exists()


def test_a_gbk_csv_is_read(klass):
    rows = [row(klass, n) for n in numbers(2)]
    content = csv_bytes(rows).decode().encode("gbk")

    record = run(content)

    assert record.status == "done", record.errors_shown
    assert Enrolment.objects.filter(person__name="张三").count() == 2
