import pytest
from django.test import Client

from jineng.portal.selectors.home import home_entry_points


@pytest.mark.parametrize("path", ["/", "/portal/courses/", "/portal/articles/", "/portal/demand/",
                                  "/portal/courses/?q=车工&category=employed&sort=price",
                                  "/api/v1/portal/articles/", "/api/v1/portal/courses/?q=cg&category=employed"])
def test_anonymous_pages_answer_200(courses, path):
    assert Client().get(path).status_code == 200


def test_anonymous_pages_answer_in_english(courses):
    client = Client(headers={"accept-language": "en"})
    client.cookies["django_language"] = "en"

    page = client.get("/portal/courses/", {"q": "车工", "category": "employed"}).content.decode()

    assert "Course search" in page and "Estimated subsidy" in page


def test_signed_in_users_keep_their_landing_page(city_officer):
    client = Client()
    client.force_login(city_officer)

    assert client.get("/").url.startswith("/desk/")


def test_entry_points_are_the_nav_entries_a_visitor_may_open(db):
    names = {entry.url_name for entry in home_entry_points()}

    assert {"portal:courses", "portal:articles", "portal:demand", "certificates:verify"} <= names
    assert "portal:article_desk" not in names and "workplan:desk" not in names


def test_demand_cells_under_three_enterprises_are_not_published(db):
    from jineng.demand.selectors.analysis import demand_public_cells

    cells, suppressed = demand_public_cells(year=2024)

    assert all(cell.enterprises >= 3 for cell in cells)
