"""The person registry: register people by resident ID, find them by digest, reveal a number with a log.

No function here returns or logs a plain resident ID except ``person_reveal_resident_id``, which the caller
may only reach after checking the viewer's right to see it (``accounts.permissions.REVEAL_RESIDENT_IDS``).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from jineng.core.crypto import decrypt_text, encrypt_text, keyed_digest
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import ResidentId, resident_id_mask, resident_id_parse
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


def person_bulk_register(rows: Iterable[PersonRow], *, batch_size: int = 5000) -> dict[str, int]:
    """Register many people at once (set-based): returns digest -> person id for every row given.

    Existing people are left as they are; new ones are inserted without per-row history (the import that
    calls this records the batch). Callers run it inside their own transaction.
    """
    by_digest = {row.digest: row for row in rows}
    ids: dict[str, int] = {}
    digests = list(by_digest)
    for start in range(0, len(digests), batch_size):
        chunk = digests[start:start + batch_size]
        ids.update(Person.objects.filter(resident_id_digest__in=chunk).values_list("resident_id_digest", "id"))
    new = [
        Person(resident_id_digest=row.digest, resident_id_encrypted=row.encrypted, resident_id_masked=row.masked,
               name=row.name, sex=row.sex, birth_date=row.birth_date, area_code=row.area_code,
               is_synthetic=row.is_synthetic)
        for digest, row in by_digest.items() if digest not in ids
    ]
    Person.objects.bulk_create(new, batch_size=batch_size)
    if new:
        created = [person.resident_id_digest for person in new]
        for start in range(0, len(created), batch_size):
            chunk = created[start:start + batch_size]
            ids.update(
                Person.objects.filter(resident_id_digest__in=chunk).values_list("resident_id_digest", "id")
            )
    return ids


def person_reveal_resident_id(*, person: Person, viewer: Any, reason: str) -> str:
    """The full number, for a viewer the caller has already authorised; the view is logged first."""
    if not reason.strip():
        raise DomainError("查看完整身份证号须填写事由")
    PersonalDataView.objects.create(person=person, viewer=viewer, reason=reason.strip()[:200])
    return decrypt_text(person.resident_id_encrypted)
