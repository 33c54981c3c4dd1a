"""The person registry: register people by resident ID, find them by digest, reveal a number with a log.

No function here returns or logs a plain resident ID except ``person_reveal_resident_id``, which the caller
may only reach after checking the viewer's right to see it (``accounts.permissions.REVEAL_RESIDENT_IDS``).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from jineng.core.crypto import decrypt_text, encrypt_text, encrypt_texts, keyed_digest
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import ResidentId, resident_id_mask, resident_id_parse
from jineng.core.imports import rows_insert, rows_insert_with_ids
from jineng.core.models import Person, PersonalDataView


@dataclass(frozen=True)
class PersonRow:
    """A validated person ready to be registered in bulk."""

    digest: str
    encrypted: str
    masked: str
    name: str
    sex: str
    birth_date: date
    area_code: str
    is_synthetic: bool = False


def person_row_from(parsed: ResidentId, *, name: str, is_synthetic: bool = False) -> PersonRow:
    return PersonRow(
        digest=keyed_digest(parsed.number),
        encrypted=encrypt_text(parsed.number),
        masked=resident_id_mask(parsed.number),
        name=name.strip(),
        sex=parsed.sex,
        birth_date=parsed.birth_date,
        area_code=parsed.area_code,
        is_synthetic=is_synthetic,
    )


def resident_id_digest(number: str) -> str:
    """Digest of a number as typed (validated and normalised first), for lookups."""
    return keyed_digest(resident_id_parse(number).number)


def person_find(resident_id: str) -> Person | None:
    return Person.objects.filter(resident_id_digest=resident_id_digest(resident_id)).first()


def person_lookup(*, resident_id: str, viewer: Any, reason: str) -> Person | None:
    """Find a person by a full number an officer typed; the lookup is logged like a view when it finds someone."""
    if not reason.strip():
        raise DomainError("按身份证号查询须填写事由")
    person = person_find(resident_id)
    if person is not None:
        PersonalDataView.objects.create(person=person, viewer=viewer, reason=f"按身份证号查询：{reason.strip()}"[:200])
    return person


def person_register(*, resident_id: str, name: str, is_synthetic: bool = False, by: Any = None) -> Person:
    """Return the person with this number, creating them when new. A changed name is kept (audited)."""
    parsed = resident_id_parse(resident_id)
    if not name.strip():
        raise DomainError("姓名不能为空")
    row = person_row_from(parsed, name=name, is_synthetic=is_synthetic)
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(resident_id_digest=row.digest).first()
        if person is None:
            person = Person(resident_id_digest=row.digest, resident_id_encrypted=row.encrypted,
                            resident_id_masked=row.masked, name=row.name, sex=row.sex,
                            birth_date=row.birth_date, area_code=row.area_code, is_synthetic=is_synthetic)
            person._history_user = by
            person._change_reason = "登记人员"
            person.save()
        elif person.name != row.name:
            person.name = row.name
            person._history_user = by
            person._change_reason = "更正姓名"
            person.save(update_fields=["name"])
    return person


# Column order of the tuples ``person_rows_insert`` takes (after the id it reserves).
PERSON_COLUMNS = ("resident_id_digest", "resident_id_encrypted", "resident_id_masked", "name", "sex", "birth_date",
                  "area_code", "phone", "is_synthetic", "created_at")
_BATCH = 5000


def person_bulk_register(rows: Iterable[PersonRow]) -> dict[str, int]:
    """Register many people at once (set-based): returns digest -> person id for every row given.

    Existing people are left as they are; new ones are inserted without per-row history (the import that
    calls this records the batch). Callers run it inside their own transaction.
    """
    by_digest = {row.digest: row for row in rows}
    ids = person_ids_by_digest(list(by_digest))
    now = _db_now()
    new = [(row.digest, row.encrypted, row.masked, row.name, row.sex, row.birth_date, row.area_code, "",
            row.is_synthetic, now) for digest, row in by_digest.items() if digest not in ids]
    if new:
        ids.update(person_rows_insert(new))
    return ids


def person_register_staged(*, stage: str, digest_column: str, people: Mapping[str, tuple[ResidentId, str]],
                           is_synthetic: bool = False) -> int:
    """Register, set-based, the people of a bulk file not yet in the registry: ``people`` maps the digest of each
    resident ID (``keyed_digests``) to its parsed number and name, and the same digests are staged in column
    ``digest_column`` of the temporary table ``stage`` (``core.imports.stage_fill``). One join finds who is already
    registered; only the others are encrypted and inserted (``COPY`` on PostgreSQL), without per-row history
    (the import that calls this records the batch). The caller then joins ``core_person`` on the digest for the ids.
    Returns the number of people registered. Run inside the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT p.resident_id_digest FROM {stage} s "  # noqa: S608 - constants
                       f"JOIN core_person p ON p.resident_id_digest = s.{digest_column}")
        known = {row[0] for row in cursor.fetchall()}
    new = [(digest, parsed, name) for digest, (parsed, name) in people.items() if digest not in known]
    if not new:
        return 0
    sealed = encrypt_texts([parsed.number for _digest, parsed, _name in new])
    now = _db_now()
    rows_insert("core_person", PERSON_COLUMNS, (
        (digest, ciphertext, resident_id_mask(parsed.number), name.strip(), parsed.sex, parsed.birth_date,
         parsed.area_code, "", is_synthetic, now)
        for (digest, parsed, name), ciphertext in zip(new, sealed, strict=True)))
    return len(new)


def person_ids_by_digest(digests: list[str]) -> dict[str, int]:
    """digest -> id of the people already registered, in one query per 5,000 digests."""
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(digests), _BATCH):
            chunk = digests[start:start + _BATCH]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT resident_id_digest, id FROM core_person "  # noqa: S608 - placeholders only
                           f"WHERE resident_id_digest IN ({marks})", chunk)
            found.update(cursor.fetchall())
    return found


def person_rows_insert(people: list[tuple]) -> dict[str, int]:
    """Insert new people (tuples in ``PERSON_COLUMNS`` order) with ids reserved first: digest -> id.

    ``COPY`` on PostgreSQL, ``executemany`` on SQLite; no ORM object per row. Run inside a transaction.
    """
    ids = rows_insert_with_ids("core_person", PERSON_COLUMNS, people)
    return {row[0]: pk for pk, row in zip(ids, people, strict=True)}


def person_insert_time():
    """``created_at`` for ``person_rows_insert`` tuples, in the form the database driver takes."""
    return _db_now()


def _db_now():
    now = timezone.now()
    return now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)


def person_reveal_resident_id(*, person: Person, viewer: Any, reason: str) -> str:
    """The full number, for a viewer the caller has already authorised; the view is logged first."""
    if not reason.strip():
        raise DomainError("查看完整身份证号须填写事由")
    PersonalDataView.objects.create(person=person, viewer=viewer, reason=reason.strip()[:200])
    return decrypt_text(person.resident_id_encrypted)
