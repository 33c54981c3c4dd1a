"""The person registry: numbers encrypted at rest, found by digest, shown masked, revealed only with a log."""

import base64
import hashlib
import hmac
import io

import pytest
from django.core.management import call_command
from django.db import connection

from jineng.core.crypto import (
    _lookup_key,
    decrypt_text,
    encrypt_text,
    encrypt_texts,
    keyed_digest,
    keyed_digests,
)
from jineng.core.exceptions import DomainError
from jineng.core.identifiers import InvalidIdentifier, resident_id_parse
from jineng.core.imports import stage_create, stage_drop, stage_fill
from jineng.core.models import Person, PersonalDataView
from jineng.core.people import (
    person_bulk_register,
    person_find,
    person_register,
    person_register_staged,
    person_reveal_resident_id,
    person_row_from,
)

NUMBER = "11010519491231002X"
OTHER = "440524188001010014"


def test_encryption_round_trips_and_never_repeats_a_ciphertext():
    first, second = encrypt_text(NUMBER), encrypt_text(NUMBER)

    assert first != second and NUMBER not in first
    assert decrypt_text(first) == decrypt_text(second) == NUMBER


def test_digest_is_keyed_and_stable():
    assert keyed_digest(NUMBER) == keyed_digest(NUMBER) != keyed_digest(OTHER)
    assert len(keyed_digest(NUMBER)) == 64


def test_bulk_digests_and_ciphertexts_are_the_single_ones():
    """The bulk forms (HMAC from precomputed pads, nonces drawn at once) give the same digest as the standard
    library's HMAC-SHA256 and ciphertexts in the same format, each with its own nonce."""
    values = [NUMBER, OTHER, "", "é" * 70]
    assert keyed_digests(values) == [keyed_digest(v) for v in values] == [
        hmac.new(_lookup_key(), v.encode(), hashlib.sha256).hexdigest() for v in values]
    sealed = encrypt_texts([NUMBER, NUMBER, OTHER])
    assert [decrypt_text(s) for s in sealed] == [NUMBER, NUMBER, OTHER]
    assert len(set(sealed)) == 3 and all(s.startswith("v1:") for s in sealed)
    assert len({base64.b64decode(s[3:])[:12] for s in sealed}) == 3


def test_registers_a_person_with_derived_birth_date_sex_and_masked_number(db):
    person = person_register(resident_id="11010519491231002x", name="张三")

    assert person.resident_id_masked == "110105********002X"
    assert str(person.birth_date) == "1949-12-31" and person.sex == "F" and person.area_code == "110105"


def test_no_table_row_holds_the_plain_number(db):
    person_register(resident_id=NUMBER, name="张三")

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM core_person")
        rows = cursor.fetchall()
        cursor.execute("SELECT * FROM core_historicalperson")
        history = cursor.fetchall()

    assert NUMBER not in repr(rows) and NUMBER not in repr(history)
    assert "110105********002X" in repr(rows)


def test_a_database_dump_holds_no_plain_number(db):
    person_register(resident_id=NUMBER, name="张三")
    out = io.StringIO()

    call_command("dumpdata", "core", stdout=out)

    assert NUMBER not in out.getvalue()


def test_registering_the_same_number_twice_finds_the_same_person(db):
    first = person_register(resident_id=NUMBER, name="张三")

    again = person_register(resident_id=" 11010519491231002x ", name="张三")

    assert again.pk == first.pk and Person.objects.count() == 1


def test_finds_a_person_by_number_through_the_digest(db):
    person = person_register(resident_id=NUMBER, name="张三")

    assert person_find(NUMBER) == person
    assert person_find(OTHER) is None


def test_rejects_a_changed_check_character(db):
    with pytest.raises(InvalidIdentifier, match="校验位"):
        person_register(resident_id="110105194912310021", name="张三")
    assert not Person.objects.exists()


def test_rejects_a_person_without_a_name(db):
    with pytest.raises(DomainError, match="姓名"):
        person_register(resident_id=NUMBER, name="  ")


def test_bulk_register_returns_ids_for_new_and_existing_people(db):
    existing = person_register(resident_id=NUMBER, name="张三")
    rows = [person_row_from(resident_id_parse(n), name="甲") for n in (NUMBER, OTHER)]

    ids = person_bulk_register(rows)

    assert ids[keyed_digest(NUMBER)] == existing.pk
    assert Person.objects.count() == 2 and ids[keyed_digest(OTHER)] == person_find(OTHER).pk


def test_staged_register_encrypts_and_inserts_only_new_people(db):
    known = person_register(resident_id=NUMBER, name="张三")
    people = {keyed_digest(n): (resident_id_parse(n), name) for n, name in ((NUMBER, "张三"), (OTHER, " 李四 "))}
    stage_create("people_test_stage", like="core_person", columns=("resident_id_digest",))
    stage_fill("people_test_stage", ("resident_id_digest",), [(digest,) for digest in people])

    assert person_register_staged(stage="people_test_stage", digest_column="resident_id_digest", people=people) == 1
    assert person_register_staged(stage="people_test_stage", digest_column="resident_id_digest", people=people) == 0
    stage_drop("people_test_stage")
    added = Person.objects.exclude(pk=known.pk).get()
    assert (added.name, added.sex, added.resident_id_masked) == ("李四", "M", "440524********0014")
    assert decrypt_text(added.resident_id_encrypted) == OTHER and added.resident_id_digest == keyed_digest(OTHER)
    assert Person.objects.get(pk=known.pk).resident_id_encrypted == known.resident_id_encrypted


def test_revealing_a_number_is_logged_with_viewer_and_reason(db, city_officer):
    person = person_register(resident_id=NUMBER, name="张三")

    shown = person_reveal_resident_id(person=person, viewer=city_officer, reason="核对补贴申请")

    assert shown == NUMBER
    view = PersonalDataView.objects.get()
    assert (view.person, view.viewer, view.reason) == (person, city_officer, "核对补贴申请")


def test_revealing_a_number_needs_a_reason(db, city_officer):
    person = person_register(resident_id=NUMBER, name="张三")

    with pytest.raises(DomainError, match="事由"):
        person_reveal_resident_id(person=person, viewer=city_officer, reason=" ")
    assert not PersonalDataView.objects.exists()
