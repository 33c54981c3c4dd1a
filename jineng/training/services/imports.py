"""Bulk import of training records (.csv or .xlsx): validated in one pass, all-or-nothing, idempotent, set-based.

Flow: read the file → check the header → check every row in Python against reference data loaded once
(``engine.records``) → in one transaction: lock the classes, find the people and enrolments that exist,
check capacity, register new people, upsert the enrolments. Reading and writing are the core pipeline's
(``core.imports``): ``COPY`` on PostgreSQL (people straight into their table with ids drawn from the sequence,
changed enrolments through a staging table and ``INSERT … ON CONFLICT … DO UPDATE … WHERE`` changed),
``executemany`` on SQLite. Nothing per row goes through the ORM. Each import leaves one ``TrainingImport`` row (checksum, counts, errors, who): that is
the audit record of the rows it wrote (``Enrolment.imported_by``); the bulk rows get no per-row history.
"""
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.crypto import encrypt_text, keyed_digest
from jineng.core.engine.messages import gettext_noop
from jineng.core.exceptions import ImportRejected
from jineng.core.import_jobs import ImportCounts, import_job_queue, import_job_run, job_set
from jineng.core.imports import rows_insert, rows_upsert, table_header, table_read
from jineng.core.people import person_ids_by_digest, person_insert_time, person_rows_insert
from jineng.demand.services.employment import EmployerClaim, employments_from_enrolments
from jineng.occupations.models import Occupation
from jineng.training.choices import InstitutionStatus
from jineng.training.engine import records as engine
from jineng.training.models import Enrolment, Institution, TrainingClass, TrainingImport
from jineng.training.services.records import check_institution_active

COMPARED = ("enrolled_date", "status", "completed_date", "hours_attended", "exam_result", "exam_date",
            "certificate_no", "certificate_date", "employer_credit_code")
_ENROLMENT_COLUMNS = ("training_class_id", "person_id", *COMPARED)
_WRITTEN = (*_ENROLMENT_COLUMNS, "imported_by_id")


@dataclass(frozen=True)
class StoreCounts:
    created: int
    updated: int
    unchanged: int
    people_created: int


# Reading -----------------------------------------------------------------------------------------------


def file_rows(*, content: bytes, file_name: str) -> tuple[list[str], Iterator[list[str]], int]:
    """Header, data rows and how many data lines there are (for the progress bar), read by the core pipeline."""
    table = table_read(content=content, file_name=file_name)
    header = table_header(table)
    return header, table.rows, max(0, table.total - 1)


def lookups_load(*, institution: Institution | None, today: date) -> engine.Lookups:
    classes = TrainingClass.objects.exclude(status="cancelled")
    if institution is not None:
        classes = classes.filter(institution=institution)
    refs = {
        (credit, code): engine.ClassRef(class_id=pk, credit_code=credit, code=code, occupation_code=occupation,
                                        level=level, start_date=start, end_date=end, capacity=capacity)
        for pk, credit, code, occupation, level, start, end, capacity in classes.values_list(
            "pk", "institution__credit_code", "code", "project__occupation__code", "project__level", "start_date",
            "end_date", "capacity").order_by("pk")
    }
    codes = frozenset(Occupation.objects.values_list("code", flat=True).order_by())
    return engine.Lookups(classes=refs, occupation_codes=codes, today=today,
                          institution_code=institution.credit_code if institution is not None else None)


# Queue and run (the core's background imports: ``core.import_jobs``) ------------------------------------


def training_import_queue(*, content: bytes, file_name: str, by, institution: Institution | None) -> TrainingImport:
    """Store the upload (encrypted) and queue the background task; the page polls the import's progress."""
    if institution is not None:
        check_institution_active(institution, doing=_("导入培训记录"))
    return import_job_queue(TrainingImport, content=content, file_name=file_name, by=by, institution=institution)


def training_import_run(*, content: bytes, file_name: str, by, institution: Institution | None = None,
                        record: TrainingImport | None = None, today: date | None = None) -> TrainingImport:
    """Import a file now. Returns the TrainingImport: done (with counts) or rejected (with every error)."""
    if record is None:
        record = TrainingImport.objects.create(institution=institution, file_name=file_name[:200],
                                               sha256=hashlib.sha256(content).hexdigest(), created_by=by)
    return import_job_run(record, content, body=lambda job, data, progress: training_import_body(
        job, data, progress, today=today))


def training_import_body(record: TrainingImport, content: bytes, progress, *, today: date | None = None) -> ImportCounts:
    """Check every row, then write them all in one transaction (the body of the background import)."""
    today = today or timezone.localdate()
    institution = record.institution
    if institution is not None and institution.status != InstitutionStatus.ACTIVE:
        raise ImportRejected([_("机构状态为“{status}”，不能导入培训记录").format(status=institution.get_status_display())])
    header, rows, total = file_rows(content=content, file_name=record.file_name)
    columns, problems = engine.header_columns(header)
    if problems:
        raise ImportRejected(problems)
    job_set(record, rows_total=total)
    lookups = lookups_load(institution=institution, today=today)
    records, errors = engine.records_parse(rows, columns, lookups, progress=progress)
    if not records and not errors:
        errors.append(gettext_noop("文件中没有数据行"))
    if errors:
        raise ImportRejected(errors)
    classes = {ref.class_id: ref for ref in lookups.classes.values()}
    with transaction.atomic():
        counts = enrolments_store(records, classes=classes, record=record)
    return ImportCounts(created=counts.created, updated=counts.updated, unchanged=counts.unchanged, total=len(records))


# Storing -----------------------------------------------------------------------------------------------


def enrolments_store(records: list[engine.Record], *, classes: dict[int, engine.ClassRef],
                     record: TrainingImport) -> StoreCounts:
    """Write valid records (inside the caller's transaction); capacity is checked with the classes locked.

    With the classes locked nobody else enrols in them meanwhile, so the rows found new here are inserted plainly
    (``COPY`` / ``executemany``: an upsert costs SQLite three times a plain insert) and only changed rows go
    through ``INSERT … ON CONFLICT … DO UPDATE … WHERE`` changed. The unique constraint stays the last guard.
    """
    class_ids = sorted({r.class_id for r in records})
    list(TrainingClass.objects.select_for_update().filter(pk__in=class_ids).values_list("pk", flat=True))
    digest_of = {number: keyed_digest(number) for number in {r.number for r in records}}
    person_ids = person_ids_by_digest(list(digest_of.values()))
    existing, per_class = _existing(class_ids)
    keys = [(r.class_id, person_ids.get(digest_of[r.number])) for r in records]
    is_new = [key not in existing for key in keys]
    errors = engine.capacity_check(records, is_new=is_new, existing=per_class, classes=classes)
    if errors:
        raise ImportRejected(errors)
    people = _new_people(records, digest_of, person_ids)
    if people:
        person_ids.update(person_rows_insert(people))
    created, changed = [], []
    import_id = record.pk
    for r, key, new in zip(records, keys, is_new, strict=True):
        values = (r.enrolled_date, r.status, r.completed_date, r.hours_attended, r.exam_result, r.exam_date,
                  r.certificate_no, r.certificate_date, r.employer_credit_code)
        if new:
            created.append((r.class_id, person_ids[digest_of[r.number]], *values, import_id))
        elif existing[key] != values:
            changed.append((r.class_id, key[1], *values, import_id))
    if created:
        _enrolments_insert(created)
    if changed:
        _enrolments_upsert(changed)
    _employers_record(records, classes=classes, person_id_of=lambda r: person_ids[digest_of[r.number]],
                      by=record.created_by)
    return StoreCounts(created=len(created), updated=len(changed),
                       unchanged=len(records) - len(created) - len(changed), people_created=len(people))


def _employers_record(records, *, classes: dict[int, engine.ClassRef], person_id_of, by) -> None:
    """The employer named on a record confirms, or adds, the trainee's employment for the class's dates."""
    claims = []
    for r in records:
        if r.employer_credit_code:
            klass = classes[r.class_id]
            end = max(klass.start_date, r.completed_date or klass.end_date)
            claims.append(EmployerClaim(r.employer_credit_code, person_id_of(r), klass.start_date, end,
                                        _("培训班 %(code)s") % {"code": klass.code}))
    if claims:
        employments_from_enrolments(claims, by=by)


def _existing(class_ids: list[int]) -> tuple[dict[tuple[int, int], tuple], dict[int, int]]:
    existing: dict[tuple[int, int], tuple] = {}
    per_class: dict[int, int] = {}
    rows = Enrolment.objects.filter(training_class_id__in=class_ids).values_list(*_ENROLMENT_COLUMNS).order_by()
    for row in rows.iterator(chunk_size=20_000):
        existing[(row[0], row[1])] = row[2:]
        per_class[row[0]] = per_class.get(row[0], 0) + 1
    return existing, per_class


def _new_people(records, digest_of: dict[str, str], person_ids: dict[str, int]) -> list[tuple]:
    now = person_insert_time()
    people, seen = [], set()
    for r in records:
        digest = digest_of[r.number]
        if digest in person_ids or digest in seen:
            continue
        seen.add(digest)
        n = r.number
        people.append((digest, encrypt_text(n), f"{n[:6]}********{n[14:]}", r.name, "M" if int(n[16]) % 2 else "F",
                       date(int(n[6:10]), int(n[10:12]), int(n[12:14])), n[:6], "", False, now))
    return people


def _enrolments_insert(rows: list[tuple]) -> None:
    rows_insert("training_enrolment", _WRITTEN, rows)


def _enrolments_upsert(rows: list[tuple]) -> None:
    rows_upsert("training_enrolment", _WRITTEN, rows, conflict=("training_class_id", "person_id"), compared=COMPARED)


# Template ----------------------------------------------------------------------------------------------


def training_template_bytes(*, institution: Institution | None = None) -> bytes:
    """The .xlsx template: the header row (with an example row for the institution's first class) and a guide."""
    from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes

    rows = []
    klass = (TrainingClass.objects.filter(institution=institution).select_related("project__occupation")
             .order_by("-start_date", "pk").first() if institution is not None else None)
    if klass is not None:
        rows.append([institution.credit_code, klass.code, _("（身份证号）"), _("（姓名）"), klass.project.occupation.code,
                     engine.LEVEL_NAMES[klass.project.level], klass.start_date.isoformat(), "", 0, "", "", "", ""])
    workbook = new_workbook()
    workbook_add_table(workbook, title=_("培训记录"), headers=list(engine.COLUMNS), rows=rows)
    workbook_add_table(workbook, title=_("填写说明"), headers=[_("列"), _("是否必填"), _("说明")], rows=GUIDE)
    return workbook_bytes(workbook)


GUIDE = [
    [engine.CREDIT_CODE, "必填", "培训机构的 18 位统一社会信用代码；机构用户只能导入本机构的记录"],
    [engine.CLASS_CODE, "必填", "平台上已开设的培训班编号；文件不会新建培训班"],
    [engine.RESIDENT_ID, "必填", "18 位居民身份证号码，校验位须正确；同一班级同一人只能占一行"],
    [engine.NAME, "必填", "不超过 50 字；已登记的人员保留原登记姓名"],
    [engine.OCCUPATION, "必填", "职业分类大典编码，如 4-10-01-05，须与培训班的培训项目一致"],
    [engine.LEVEL, "必填", "五级、四级、三级、二级、一级或不分等级，须与培训项目一致"],
    [engine.ENROLLED, "必填", "如 2024-03-04；不能晚于今天和培训班结束日期"],
    [engine.COMPLETED, "可空", "结业才填写；不能早于报名日期和开班日期；填写即视为已结业"],
    [engine.HOURS, "可空", "不小于 0 的整数，空 = 0"],
    [engine.RESULT, "可空", "合格、不合格、缺考；结业后才有考核结果；考核日期按结业日期记"],
    [engine.CERTIFICATE, "可空", "考核合格并已发证时填写"],
    [engine.CERTIFICATE_DATE, "可空", "与证书编号同时填写，不能早于结业日期"],
    [engine.EMPLOYER, "可空", "学员所在企业的 18 位统一社会信用代码（企业职工培训）；该企业据此可为其申请企业职工培训补贴"],
    ["", "", "任何一行有误则整个文件不导入；重复导入同一文件不会重复计数，修改后的文件按行更新原记录"],
]
