import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from jineng.occupations import services
from jineng.occupations.choices import CatalogueKind, CatalogueState
from jineng.occupations.models import CatalogueEntry, CatalogueVersion, WorkType
from jineng.occupations.tests.factories import (
    ELDER_CARE,
    LATHE,
    MILLING,
    WELDING,
    draft_with,
    occupation,
    published_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(city_officer):
    """A published version with 车工, 铣工, 焊工 and a draft copied from it: 铣工 out, 养老护理员 in, 车工 changed."""
    old = published_with(city_officer, [LATHE, MILLING, WELDING])
    new = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=city_officer, copy_from=old)
    services.catalogue_entry_remove(entry=new.entries.get(key=MILLING), by=city_officer)
    services.catalogue_entry_add(version=new, by=city_officer, occupation=occupation(ELDER_CARE), levels=[3])
    services.catalogue_entry_update(entry=new.entries.get(key=LATHE), by=city_officer, subsidy_uplift_pct=30)
    return old, new


def _xlsx(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_the_public_list_shows_published_catalogues_against_their_targets(client, city_officer, two_versions):
    page = client.get("/occupations/catalogues/").content.decode()

    assert "急需紧缺高技能人才职业（工种）目录" in page and "第 1 版" in page
    assert "新建版本" not in page and "全部版本" not in page
    assert "未达目标" in page


def test_the_office_sees_every_version_and_the_form_to_create_one(client, city_officer, two_versions):
    client.force_login(city_officer)

    page = client.get("/occupations/catalogues/").content.decode()

    assert "全部版本" in page and "新建版本" in page and "草稿" in page


@pytest.mark.parametrize("persona", [None, "rsj_officer", "pudong_officer", "enterprise_hr"])
def test_drafts_are_missing_for_everyone_but_the_office_and_leaders(request, client, two_versions, persona):
    old, draft = two_versions
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(f"/occupations/catalogues/{draft.pk}/").status_code == 404
    assert client.get(f"/occupations/catalogues/{draft.pk}/export.xlsx").status_code == 404
    assert client.get(f"/occupations/catalogues/diff/?old={old.pk}&new={draft.pk}").status_code == 404
    assert client.get(f"/occupations/catalogues/{old.pk}/").status_code == 200
    assert draft.title not in client.get("/occupations/catalogues/diff/").content.decode()


@pytest.mark.parametrize("persona", ["city_officer", "leader"])
def test_the_office_and_leaders_read_drafts(request, client, two_versions, persona):
    client.force_login(request.getfixturevalue(persona))

    page = client.get(f"/occupations/catalogues/{two_versions[1].pk}/").content.decode()

    assert "养老护理员" in page
    assert ("添加条目" in page) is (persona == "city_officer")


def test_the_office_drafts_a_version_through_the_pages(client, city_officer):
    client.force_login(city_officer)
    WorkType.objects.create(occupation=occupation(LATHE), name="数控车工", initials="skcg")

    created = client.post("/occupations/catalogues/", {"kind": "urgent", "year": "2025", "title": ""})
    version = CatalogueVersion.objects.get(year=2025)
    added = client.post(f"/occupations/catalogues/{version.pk}/", {
        "occupation": "6-18-01-01 车工", "work_type": "数控车工", "levels": ["3", "4"], "industry": "EQUIP",
        "reason": "五轴加工需求", "subsidy_uplift_pct": "30", "residence_policy": "on",
    })

    assert created.status_code == 302 and created["Location"] == f"/occupations/catalogues/{version.pk}/"
    assert added.status_code == 302
    entry = version.entries.get()
    assert (entry.key, entry.levels, entry.industry.code, entry.residence_policy) == (f"{LATHE}/数控车工", [3, 4], "EQUIP", True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"occupation": "9-99-99-99"}, "未找到职业“9-99-99-99”"),
        ({"occupation": LATHE, "work_type": "激光车工"}, "职业“车工”下没有工种“激光车工”"),
        ({"occupation": LATHE, "subsidy_uplift_pct": "150"}, "补贴上浮比例须在 0 到 100 之间"),
        ({"occupation": LATHE, "effective_from": "2024-06-01", "effective_to": "2024-05-01"}, "失效日期不能早于生效日期"),
        ({"occupation": ""}, "请选择职业，或填写项目名称"),
    ],
)
def test_the_entry_form_explains_what_is_wrong(client, city_officer, data, message):
    draft = draft_with(city_officer, [])
    client.force_login(city_officer)

    response = client.post(f"/occupations/catalogues/{draft.pk}/", data)

    assert response.status_code == 200 and message in response.content.decode()
    assert not draft.entries.exists()


def test_the_workflow_buttons_submit_return_and_publish(client, city_officer):
    draft = draft_with(city_officer, [LATHE])
    client.force_login(city_officer)
    url = f"/occupations/catalogues/{draft.pk}"

    client.post(f"{url}/submit/")
    client.post(f"{url}/return/", {"comment": "请补充理由"})
    returned = CatalogueVersion.objects.get(pk=draft.pk)
    client.post(f"{url}/submit/")
    client.post(f"{url}/publish/")

    assert (returned.state, returned.review_comment) == (CatalogueState.DRAFT, "请补充理由")
    assert CatalogueVersion.objects.get(pk=draft.pk).state == CatalogueState.PUBLISHED
    page = client.get(f"{url}/").content.decode()
    assert "修改记录" in page and "提交审核" in page


def test_others_cannot_write_through_the_pages(client, city_officer, leader, rsj_officer):
    draft = draft_with(city_officer, [LATHE])
    published = published_with(city_officer, [LATHE], kind=CatalogueKind.NEW_SKILL)

    client.force_login(rsj_officer)
    assert client.post("/occupations/catalogues/", {"kind": "urgent", "year": "2025"}).status_code == 403
    assert client.post(f"/occupations/catalogues/{draft.pk}/submit/").status_code == 404
    assert client.post(f"/occupations/catalogues/{published.pk}/", {"occupation": MILLING}).status_code == 403
    client.force_login(leader)
    assert client.post(f"/occupations/catalogues/{draft.pk}/", {"occupation": MILLING}).status_code == 403
    client.post(f"/occupations/catalogues/{draft.pk}/submit/")
    assert CatalogueVersion.objects.get(pk=draft.pk).state == CatalogueState.DRAFT
    assert draft.entries.count() == 1


def test_an_entry_is_edited_and_removed_through_the_pages(client, city_officer):
    draft = draft_with(city_officer, [LATHE, MILLING])
    lathe, milling = draft.entries.get(key=LATHE), draft.entries.get(key=MILLING)
    client.force_login(city_officer)

    form = client.get(f"/occupations/catalogues/entries/{lathe.pk}/").content.decode()
    client.post(f"/occupations/catalogues/entries/{lathe.pk}/", {"occupation": LATHE, "levels": ["5"], "reason": "新理由"})
    client.post(f"/occupations/catalogues/entries/{milling.pk}/remove/")

    assert 'value="6-18-01-01 车工"' in form
    lathe.refresh_from_db()
    assert (lathe.levels, lathe.reason) == ([5], "新理由")
    assert list(draft.entries.values_list("key", flat=True)) == [LATHE]


def test_the_occupation_field_gets_its_options_from_the_classification_search(client):
    response = client.get("/occupations/", {"occupation": "车工"}, HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="occupation-options")

    assert response.status_code == 200
    assert '<option value="6-18-01-01 车工">' in response.content.decode()
    assert "<table" not in response.content.decode()


def test_export_has_one_row_per_entry(client, city_officer, two_versions):
    old, _ = two_versions

    sheet = _xlsx(client.get(f"/occupations/catalogues/{old.pk}/export.xlsx")).worksheets[0]

    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "标识", "职业编码", "职业（工种）/项目名称")
    assert [row[2] for row in rows[1:]] == [LATHE, MILLING, WELDING]
    assert rows[1][5] == "三级/高级工、二级/技师"


def test_diff_page_and_workbook_show_added_removed_and_changed(client, city_officer, two_versions):
    old, new = two_versions
    client.force_login(city_officer)
    url = f"/occupations/catalogues/diff/?old={old.pk}&new={new.pk}"

    page = client.get(url).content.decode()
    book = _xlsx(client.get(url + "&format=xlsx"))

    assert "新增 1 项，删除 1 项，调整 1 项，未变 1 项" in page
    assert "state-accepted" in page and "state-returned" in page and "status-at_risk" in page
    assert book.sheetnames == ["新增", "删除", "调整"]
    assert [row[2] for row in book["新增"].iter_rows(min_row=2, values_only=True)] == [ELDER_CARE]
    assert [row[2] for row in book["删除"].iter_rows(min_row=2, values_only=True)] == [MILLING]
    assert [row[1:] for row in book["调整"].iter_rows(min_row=2, values_only=True)] == [
        (LATHE, "车工", "补贴上浮比例（%）", "—", "30.00")
    ]


# --- API ----------------------------------------------------------------------------------------------------


@pytest.fixture
def office_api(city_officer):
    api = APIClient()
    api.force_authenticate(city_officer)
    return api


def test_the_public_api_lists_only_published_catalogues(two_versions):
    old, draft = two_versions
    anonymous = APIClient()

    listed = anonymous.get("/api/v1/catalogues/").json()
    asked_for_drafts = anonymous.get("/api/v1/catalogues/?state=draft").json()
    detail = anonymous.get(f"/api/v1/catalogues/{old.pk}/").json()

    assert [v["id"] for v in listed["results"]] == [old.pk] == [v["id"] for v in asked_for_drafts["results"]]
    assert listed["results"][0]["entry_count"] == 3
    assert [e["occupation_code"] for e in detail["entries"]] == [LATHE, MILLING, WELDING]
    assert anonymous.get(f"/api/v1/catalogues/{draft.pk}/").status_code == 404
    assert anonymous.get("/api/v1/catalogues/?kind=special").json()["count"] == 0
    assert anonymous.get("/api/v1/catalogues/?year=2024&kind=urgent").json()["count"] == 1
    assert anonymous.get("/api/v1/catalogues/?kind=nonsense").status_code == 400


def test_the_office_lists_drafts_through_the_api(office_api, two_versions):
    assert [v["id"] for v in office_api.get("/api/v1/catalogues/?state=draft").json()["results"]] == [two_versions[1].pk]


def test_the_api_diff_compares_two_versions(office_api, two_versions):
    old, new = two_versions

    diff = office_api.get(f"/api/v1/catalogues/{new.pk}/diff/?against={old.pk}").json()

    assert [e["key"] for e in diff["added"]] == [ELDER_CARE]
    assert [e["key"] for e in diff["removed"]] == [MILLING]
    assert [(c["key"], c["fields"]) for c in diff["changed"]] == [(LATHE, ["subsidy_uplift_pct"])]
    assert APIClient().get(f"/api/v1/catalogues/{new.pk}/diff/?against={old.pk}").status_code == 404


def test_the_office_runs_the_workflow_through_the_api(office_api):
    created = office_api.post("/api/v1/catalogues/", {"kind": "special", "year": 2024}, format="json")
    version_id = created.json()["id"]
    url = f"/api/v1/catalogues/{version_id}"

    item = office_api.post(f"{url}/entries/", {"name": "数据标注", "occupation": "4-04-05-05", "industry": "AI"}, format="json")
    wrong = office_api.post(f"{url}/entries/", {"name": "数据标注员"}, format="json")
    unknown = office_api.post(f"{url}/entries/", {"occupation": "9-99-99-99"}, format="json")
    patched = office_api.patch(f"/api/v1/catalogue-entries/{item.json()['id']}/", {"reason": "AI 训练数据"}, format="json")
    office_api.post(f"{url}/submit/")
    office_api.post(f"{url}/return/", {"comment": "补充理由"}, format="json")
    office_api.post(f"{url}/submit/")
    published = office_api.post(f"{url}/publish/")

    assert created.status_code == 201 and item.status_code == 201
    assert item.json()["key"] == "4-04-05-05/数据标注" and item.json()["industry"] == "AI"
    assert wrong.status_code == 400 and "不能以“工”“员”“师”结尾" in wrong.json()["detail"]
    assert unknown.status_code == 400 and "9-99-99-99" in unknown.json()["occupation"][0]
    assert patched.json()["reason"] == "AI 训练数据" and patched.json()["name"] == "数据标注"
    assert published.json()["state"] == "published"
    assert APIClient().get("/api/v1/catalogues/?kind=special").json()["count"] == 1


def test_the_api_refuses_writes_from_others(city_officer, rsj_officer, two_versions):
    old, draft = two_versions
    department = APIClient()
    department.force_authenticate(rsj_officer)
    entry = old.entries.first()

    assert APIClient().post("/api/v1/catalogues/", {"kind": "urgent", "year": 2025}, format="json").status_code == 401
    refused = department.post("/api/v1/catalogues/", {"kind": "urgent", "year": 2025}, format="json")
    assert refused.status_code == 403 and "专班办公室" in refused.json()["detail"]
    assert department.post(f"/api/v1/catalogues/{old.pk}/entries/", {"occupation": ELDER_CARE}, format="json").status_code == 403
    assert department.delete(f"/api/v1/catalogue-entries/{entry.pk}/").status_code == 403
    assert department.post(f"/api/v1/catalogues/{draft.pk}/publish/").status_code == 403
    assert CatalogueEntry.objects.filter(pk=entry.pk).exists()


def test_the_office_cannot_change_a_published_catalogue_through_the_api(office_api, two_versions):
    old, _ = two_versions

    response = office_api.delete(f"/api/v1/catalogue-entries/{old.entries.first().pk}/")

    assert response.status_code == 409 and "只有草稿可以修改条目" in response.json()["detail"]


def test_skill_levels_stay_public():
    assert len(APIClient().get("/api/v1/skill-levels/").json()) == 8
