import random
from datetime import date

import pytest
from django.core.management import call_command

from jineng.certificates.engine.rows import COLUMNS
from jineng.certificates.models import Certificate
from jineng.certificates.services.imports import certificates_import, certificates_template_bytes
from jineng.certificates.tests import factories
from jineng.core.exceptions import ImportRejected
from jineng.core.identifiers import synthetic_resident_id

pytestmark = pytest.mark.django_db
TODAY = date(2024, 11, 15)


def _csv(rows) -> bytes:
    lines = [",".join(COLUMNS)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def _row(b, serial, *, name="李四", level="三级", digit="3", issued="2024-06-30", status="", status_date="",
         reason="", rid=None):
    number = f"{b.certificate_letter}{b.ministry_code}31{b.city_serial}24{digit}{serial:06d}"
    rid = rid or synthetic_resident_id(rng=random.Random(serial), area="310104")
    return [number, name, rid, b.credit_code, "6-18-01-01", "", "", level, issued, status, status_date, reason]


def test_import_writes_all_and_is_idempotent():
    b = factories.body()
    rows = [_row(b, 1), _row(b, 2, status="撤销", status_date="2024-09-01", reason="违规取得")]
    counts = certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY)
    assert counts.as_dict() == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    again = certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY)
    assert again.as_dict() == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2}
    rows[0][7], rows[0][8] = "三级", "2024-07-01"
    changed = certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY)
    assert changed.updated == 1
    revoked = Certificate.objects.get(number=rows[1][0])
    assert (revoked.status, revoked.status_reason, revoked.level) == ("revoked", "违规取得", 3)
    assert Certificate.objects.count() == 2
    assert len(set(Certificate.objects.values_list("status_index", flat=True))) == 2


def test_import_is_all_or_nothing_with_row_and_column_messages():
    b = factories.body()
    rows = [_row(b, 1), _row(b, 2, digit="4"), _row(b, 3, issued="2024-13-01"), _row(b, 1)]
    with pytest.raises(ImportRejected) as caught:
        certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY)
    errors = caught.value.errors
    assert "第 3 行“证书编号”：编号第 16 位（等级 4）与“等级”不符" in errors
    assert "第 4 行“发证日期”：日期格式应为 2024-06-30" in errors
    assert "第 5 行“证书编号”：与第 2 行重复" in errors
    assert Certificate.objects.count() == 0


def test_import_refuses_a_number_that_belongs_to_someone_else():
    b = factories.body()
    certificates_import(content=_csv([_row(b, 1)]), file_name="c.csv", today=TODAY)
    other = _row(b, 1, rid=synthetic_resident_id(rng=random.Random(999), area="310104"))
    with pytest.raises(ImportRejected) as caught:
        certificates_import(content=_csv([other]), file_name="c.csv", today=TODAY)
    assert caught.value.errors == ["第 2 行“证书编号”：登记簿中该编号属于另一持证人"]


def test_body_staff_import_only_their_own_body():
    own, other = factories.body(), factories.body()
    staff = factories.body_user(own)
    with pytest.raises(ImportRejected) as caught:
        certificates_import(content=_csv([_row(other, 1)]), file_name="c.csv", by=staff, today=TODAY)
    assert "平台上没有该评价机构" in caught.value.errors[0]


def test_template_and_command(tmp_path):
    assert certificates_template_bytes()[:2] == b"PK"
    b = factories.body()
    path = tmp_path / "c.csv"
    path.write_bytes(_csv([_row(b, 5)]))
    call_command("import_certificates", str(path))
    assert Certificate.objects.filter(source="import").count() == 1


def test_import_mixes_new_changed_and_unchanged_rows_with_their_history():
    from jineng.core.people import person_register

    b = factories.body()
    rows = [_row(b, 1), _row(b, 2)]
    assert certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY).created == 2
    known = person_register(resident_id=synthetic_resident_id(rng=random.Random(3), area="310104"), name="李四")
    rows[1][1] = "李四四"
    counts = certificates_import(content=_csv([*rows, _row(b, 3)]), file_name="c.csv", today=TODAY)

    assert counts.as_dict() == {"rows": 3, "created": 1, "updated": 1, "unchanged": 1}
    third = Certificate.objects.get(number=_row(b, 3)[0])
    assert third.holder_id == known.pk and third.source == "import"
    history = Certificate.history.model.objects
    assert [h.history_type for h in history.filter(number=rows[1][0]).order_by("history_id")] == ["+", "~"]
    assert history.filter(number=rows[1][0], history_type="~").get().holder_name == "李四四"
    assert history.filter(number=third.number).get().history_type == "+"
    assert history.filter(number=rows[0][0]).count() == 1
    assert len(set(Certificate.objects.values_list("status_index", flat=True))) == 3


def test_rows_in_any_column_order_with_typed_variants_are_read_alike():
    from jineng.certificates.engine import rows as engine

    b = factories.body()
    bodies = {b.credit_code: engine.BodyRef(b.pk, b.certificate_letter, b.ministry_code, b.city_serial)}
    number = _row(b, 7)[0]
    wide = number[0].lower() + "".join(chr(ord(c) + 0xFEE0) for c in number[1:])  # s０００…: full-width digits
    header = [engine.ISSUED, engine.NAME, engine.LEVEL, engine.NUMBER, engine.RESIDENT_ID, engine.BODY,
              engine.OCCUPATION]
    rid = _row(b, 7)[2]
    cells = ["2024/6/30", " 李四 ", "三级", f" {wide} ", rid.lower(), b.credit_code.lower(), "6-18-01-01"]
    parsed = engine.rows_parse(header, [cells, ["", "", ""]], bodies=bodies, occupations={"6-18-01-01": 9},
                               work_types={}, today=TODAY)
    assert parsed.errors == ()
    (row,) = parsed.rows
    assert (row.line, row.number, row.name, row.resident_id.number, row.level, row.issued_on, row.status) == (
        2, number, "李四", rid.upper(), 3, date(2024, 6, 30), "valid")
    short = engine.rows_parse(header, [cells[:4]], bodies=bodies, occupations={}, work_types={}, today=TODAY)
    assert "第 2 行“身份证号”：" in short.errors[0] and "第 2 行“评价机构统一社会信用代码”：平台上没有该评价机构" in short.errors


def test_a_number_registered_meanwhile_refuses_the_whole_file(monkeypatch):
    """Between the check for numbers already in the register and the insertion, another writer registers one of
    the file's numbers: the number's unique index refuses it and nothing of the file is written."""
    import jineng.certificates.services.imports as imports

    b = factories.body()
    rows = [_row(b, 1), _row(b, 2)]
    taken = imports.counter_take

    def meanwhile(name, count):
        factories.certificate(number=rows[1][0], b=b)
        return taken(name, count)

    monkeypatch.setattr(imports, "counter_take", meanwhile)
    with pytest.raises(ImportRejected) as refused:
        certificates_import(content=_csv(rows), file_name="c.csv", today=TODAY)
    assert "导入期间登记簿有其他写入" in str(refused.value.errors)
    assert not Certificate.objects.filter(number=rows[0][0]).exists()
