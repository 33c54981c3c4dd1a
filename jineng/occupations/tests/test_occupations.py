import pytest

from jineng.core.exceptions import DomainError
from jineng.occupations.choices import HIGH_SKILLED, SkillLevel
from jineng.occupations.models import Industry, Occupation
from jineng.occupations.reference import pinyin_initials
from jineng.occupations.selectors import industry_by_name, occupation_get, occupation_search
from jineng.occupations.services import work_type_create

pytestmark = pytest.mark.django_db


def test_loads_all_1639_occupations_with_their_categories():
    occupations = Occupation.objects.filter(classification="2022")

    assert occupations.count() == 1639
    assert occupations.values("major_code").distinct().count() == 8
    assert occupations.values("middle_code").distinct().count() == 74
    assert occupations.values("minor_code").distinct().count() == 382
    assert occupations.filter(marker__contains="S").count() == 97
    assert occupations.filter(marker__contains="L").count() == 134
    lathe = occupation_get(code="6-18-01-01")
    assert (lathe.name, lathe.minor_name, lathe.middle_code) == ("车工", "机械冷加工人员", "6-18")


def test_code_4_10_01_02_does_not_exist_in_2022():
    assert occupation_get(code="4-10-01-02") is None


@pytest.mark.parametrize(("query", "expected"), [("6-18-01", "6-18-01-01"), ("车工", "6-18-01-01"), ("cg", "6-18-01-01"), ("CG", "6-18-01-01")])
def test_search_by_code_name_or_pinyin_initials(query, expected):
    assert expected in set(occupation_search(query=query).values_list("code", flat=True))


def test_work_types_are_searchable_and_audited(city_officer):
    lathe = occupation_get(code="6-18-01-01")

    work_type_create(occupation=lathe, name="数控车工", by=city_officer)

    assert "6-18-01-01" in set(occupation_search(query="数控车").values_list("code", flat=True))
    assert "6-18-01-01" in set(occupation_search(query="skcg").values_list("code", flat=True))
    assert lathe.work_types.get().history.first().history_user == city_officer


def test_work_type_rules(city_officer, rsj_officer):
    lathe = occupation_get(code="6-18-01-01")
    work_type_create(occupation=lathe, name="数控车工", by=city_officer)

    with pytest.raises(DomainError, match="已有工种"):
        work_type_create(occupation=lathe, name="数控车工", by=city_officer)
    with pytest.raises(DomainError, match="专班办公室"):
        work_type_create(occupation=lathe, name="普通车工", by=rsj_officer)


def test_levels_and_high_skill_rule():
    assert [level.label for level in SkillLevel][:3] == ["学徒工", "五级/初级工", "四级/中级工"]
    assert SkillLevel.L3 in HIGH_SKILLED and SkillLevel.L4 not in HIGH_SKILLED


def test_industries_3_plus_6_with_2024_aliases():
    assert Industry.objects.filter(kind="leading").count() == 3
    assert Industry.objects.filter(kind="key").count() == 6
    assert industry_by_name("新能源与智能汽车").code == "AUTO"
    assert industry_by_name("现代消费品").code == "FASHION"
    assert industry_by_name("新材料").code == "MAT"


def test_pinyin_initials():
    assert pinyin_initials("车工") == "cg"
    assert pinyin_initials("集成电路工程技术人员") == "jcdlgcjsry"


def test_public_search_page_and_api(client):
    page = client.get("/occupations/?q=cg")
    api = client.get("/api/v1/occupations/?q=6-18-01-01").json()
    levels = client.get("/api/v1/skill-levels/").json()

    assert page.status_code == 200 and "车工" in page.content.decode()
    assert api["count"] == 1 and api["results"][0]["name"] == "车工"
    assert sum(level["high_skill"] for level in levels) == 5


def test_office_adds_a_work_type_on_the_page_and_through_the_api(client, city_officer, rsj_officer):
    client.force_login(city_officer)

    page = client.post("/occupations/6-18-01-01/", {"name": "数控车工"}, follow=True)
    api = client.post("/api/v1/occupations/6-18-01-01/work-types/", {"name": "普通车工"}, content_type="application/json")
    client.force_login(rsj_officer)
    refused = client.post("/api/v1/occupations/6-18-01-01/work-types/", {"name": "仪表车工"}, content_type="application/json")

    assert "数控车工" in page.content.decode()
    assert api.status_code == 201 and set(api.json()["work_types"]) == {"数控车工", "普通车工"}
    assert refused.status_code == 403 and "专班办公室" in refused.json()["detail"]
    assert client.get("/occupations/9-99-99-99/").status_code == 404
