"""Every role sees in the nav only the pages it can open, and every page it sees opens."""

import pytest
from django.urls import reverse

from jineng.accounts.models import Organisation, User
from jineng.core.models import District
from jineng.core.modules import nav_for
from jineng.training.tests import factories as training

pytestmark = pytest.mark.django_db

GOVERNMENT = {
    "office": "市人力资源社会保障局高技能人才工作专班办公室",
    "leader": "市高技能人才队伍建设工作领导小组",
    "rsj": "市人力资源社会保障局",
    "pudong": "浦东新区人民政府",
}


@pytest.fixture
def people(plan) -> dict[str, User]:
    """One user per role: government units from the reference data, an enterprise, institutions, an evaluator."""
    users = {
        name: User.objects.create_user(username=name, organisation=Organisation.objects.get(name=organisation))
        for name, organisation in GOVERNMENT.items()
    }
    pudong = District.objects.get(name="浦东新区")
    for username, kind in (("enterprise", "enterprise"), ("institution", "training_institution"),
                           ("evaluator", "evaluation_institution")):
        organisation = Organisation.objects.create(name=f"上海测试{username}", kind=kind, district=pudong)
        users[username] = User.objects.create_user(username=username, organisation=organisation)
    users["inst"] = training.institution_user(training.institution(), username="inst")
    users["admin"] = User.objects.create_superuser(username="admin", organisation=users["office"].organisation)
    return users


def test_every_nav_entry_a_role_is_shown_opens_for_that_role(people, client) -> None:
    for username, user in people.items():
        client.force_login(user)
        nav = nav_for(user)
        for link in nav["main"] + nav["more"]:
            response = client.get(reverse(link.url_name))
            assert response.status_code == 200, (username, link.url_name, response.status_code)


def test_each_role_is_shown_its_own_work_first(people) -> None:
    def main(username: str) -> list[str]:
        return [link.url_name for link in nav_for(people[username])["main"]]

    assert main("office")[:4] == ["workplan:desk", "workplan:scorecard", "workplan:reports", "demand:reports"]
    assert len(main("office")) == 10  # one row on a desktop screen; the rest lead the "more" menu
    assert "subsidies:claims" in main("leader")  # the leadership reads claims; the old nav hid them
    assert main("enterprise") == ["demand:reports", "training:apprentices", "subsidies:claims", "integrity:ratings",
                                  "occupations:catalogues"]
    assert main("inst") == ["training:classes", "subsidies:claims", "integrity:ratings", "occupations:catalogues"]
    assert main("evaluator") == ["evaluation:bodies", "certificates:register", "integrity:ratings",
                                 "occupations:catalogues"]
    assert "workplan:plan_import" in [link.url_name for link in nav_for(people["office"])["more"]]
    assert "workplan:plan_import" not in [link.url_name for link in nav_for(people["pudong"])["more"]]


def test_enterprise_and_institution_pages_link_neither_the_desk_nor_its_menus(people, client) -> None:
    for username in ("enterprise", "inst", "evaluator"):
        client.force_login(people[username])

        page = client.get("/", follow=True).content.decode()

        assert 'href="/desk/' not in page, username


def test_the_phone_menu_lists_the_same_links_as_the_desktop_nav(people, client) -> None:
    client.force_login(people["office"])

    page = client.get(reverse("workplan:desk")).content.decode()

    desktop = page.split('<nav class="mainnav"', 1)[1].split("</nav>", 1)[0]
    phone = page.split('<details class="phonenav">', 1)[1].split("</details>", 1)[0]
    links = [link for links in nav_for(people["office"]).values() for link in links]
    for link in links:
        assert f'href="{reverse(link.url_name)}"' in desktop and f'href="{reverse(link.url_name)}"' in phone
    assert 'href="/desk/" aria-current="page"' in desktop
