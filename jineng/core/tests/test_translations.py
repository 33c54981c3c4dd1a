"""The English catalogue is complete and is used when the visitor chooses English."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_FILE = Path(__file__).resolve().parents[3] / "locale/en/LC_MESSAGES/django.po"


def _entries(text: str) -> list[dict]:
    """Split a .po file into entries: flags, msgid, msgid_plural and the list of msgstr forms."""
    entries = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not lines:
            continue
        entry = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": []}
        current = None
        for line in lines:
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if current == "msgstr":
                    entry["msgstr"][-1] += _unquote(line)
                elif current:
                    entry[current] += _unquote(line)
            else:
                key, _, value = line.partition(" ")
                if key.startswith("msgstr"):
                    current = "msgstr"
                    entry["msgstr"].append(_unquote(value))
                elif key in ("msgid", "msgid_plural"):
                    current = key
                    entry[key] = _unquote(value)
                else:  # msgctxt
                    current = None
        entries.append(entry)
    return entries


def _unquote(value: str) -> str:
    return value.strip()[1:-1]


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = _entries(PO_FILE.read_text(encoding="utf-8"))
    messages = [e for e in entries if e["msgid"]]

    assert len(messages) > 200
    assert [e["msgid"] for e in messages if not e["msgstr"] or not all(e["msgstr"])] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []


def test_placeholders_survive_translation():
    for entry in _entries(PO_FILE.read_text(encoding="utf-8")):
        if not entry["msgid"]:
            continue
        for pattern in (r"%\(\w+\)s", r"\{\w+\}"):
            expected = sorted(set(re.findall(pattern, entry["msgid"])))
            for form in entry["msgstr"]:
                assert sorted(set(re.findall(pattern, form))) == expected, entry


def test_the_compiled_catalogue_translates_the_desk():
    with translation.override("en"):
        assert translation.gettext("督办台") == "Supervision desk"
        assert translation.gettext("%(m)s月") % {"m": 3} == "Month 3"
        assert translation.ngettext("%(n)s 个职业", "%(n)s 个职业", 2) % {"n": 2} == "2 occupations"


@pytest.mark.django_db
def test_the_desk_renders_in_english_when_chosen(client, plan, city_officer):
    client.force_login(city_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/desk/?year=2024&month=3")

    assert response.status_code == 200
    page = response.content.decode()
    nav = re.search(r'<nav class="mainnav">(.*?)</nav>', page, re.S).group(1)
    assert "Supervision desk" in nav and "督办台" not in nav
    assert '<html lang="en">' in page
    assert "督办台" not in page


@pytest.mark.django_db
def test_chinese_stays_the_default(client, plan, city_officer):
    client.force_login(city_officer)

    page = client.get("/desk/?year=2024&month=3").content.decode()

    assert "督办台" in page and "Supervision desk" not in page


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_user_switches(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert 'lang="zh-hans"' in page.content.decode()


def test_identifier_and_file_refusals_read_in_the_viewers_language() -> None:
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from jineng.core.engine.files import FileLimits, size_check
    from jineng.core.exceptions import ImportRejected
    from jineng.core.identifiers import validate_resident_id, validate_uscc
    from jineng.core.messages import message_text

    with translation.override("en"):
        with pytest.raises(ValidationError) as short:
            validate_resident_id("31011519900101")
        with pytest.raises(ValidationError) as credit:
            validate_uscc("91310115MA1K3Y8X0I")
        with pytest.raises(ImportRejected) as large:
            size_check(3 * 1024 * 1024, FileLimits(max_bytes=1024 * 1024))
        english = message_text(large.value.errors[0])
    with translation.override("zh-hans"):
        chinese = message_text(large.value.errors[0])

    assert short.value.messages == ["A resident ID has 18 characters; this one has 14"]
    assert "unified social credit code" in credit.value.messages[0]
    assert english == "The file is too large: 3.0 MB; the limit is 1 MB"
    assert chinese == "文件过大：3.0 MB，上限为 1 MB"
