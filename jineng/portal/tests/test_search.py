from django.test import Client

from jineng.portal.selectors.courses import CourseFilters, course_search
from jineng.portal.services.course_index import course_index_refresh


def _found(query: str, **filters) -> set[int]:
    return set(course_search(CourseFilters(q=query, **filters)).values_list("project_id", flat=True))


def test_finds_a_course_by_a_chinese_substring_of_its_occupation(courses):
    assert _found("车工") == {courses["lathe"].pk}


def test_finds_a_course_by_a_three_character_substring_through_the_trigram_index(courses):
    assert _found("康养培") == {courses["care"].pk}
    assert _found("浦江机电") == {courses["lathe"].pk}


def test_finds_a_course_by_pinyin_initials(courses):
    assert _found("cg") == {courses["lathe"].pk}
    assert _found("ylhly") == {courses["care"].pk}


def test_every_term_must_match(courses):
    assert _found("车工 康养") == set()
    assert _found("培训") == {courses["lathe"].pk, courses["care"].pk}


def test_filters_by_district_level_and_fee(courses):
    assert _found("", level=2) == {courses["care"].pk}
    assert _found("", district_id=courses["huangpu"].district_id) == {courses["care"].pk}
    assert _found("", fee_max=2000) == {courses["care"].pk}


def test_the_index_follows_a_renamed_institution(courses):
    institution = courses["pudong"]
    institution.name = "上海滨江数控学院"
    institution.save()

    course_index_refresh(institution_ids=[institution.pk])

    assert _found("滨江数控") == {courses["lathe"].pk}
    assert _found("浦江机电") == set()


def test_odd_input_never_breaks_the_search(courses):
    client = Client()
    for query in ('"', "'", "a AND", "NEAR(", "*", "%", "车工" * 50, "\x00"):
        assert client.get("/portal/courses/", {"q": query}).status_code == 200
        assert client.get("/api/v1/portal/courses/", {"q": query}).status_code in (200, 400)
    assert client.get("/api/v1/portal/courses/", {"fee_min": "NaN", "start_from": "0001-01-01"}).status_code == 400
    assert client.get("/api/v1/portal/courses/", {"district": "99999999999999999999999"}).status_code == 400
