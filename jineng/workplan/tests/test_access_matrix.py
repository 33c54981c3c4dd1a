"""Every page and API endpoint of the work plan × every role: the status each role gets."""

import pytest
from django.urls import reverse

from jineng.accounts.models import Organisation
from jineng.workplan.models import Indicator

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "office", "leader", "rsj", "pudong", "enterprise"]

# url name -> expected status per role (anonymous pages redirect to the login page)
OK, LOGIN, FORBIDDEN, MISSING = 200, 302, 403, 404
PAGE = dict(anonymous=LOGIN, office=OK, leader=OK, rsj=OK, pudong=OK, enterprise=FORBIDDEN)
OFFICE_ONLY = dict(anonymous=LOGIN, office=OK, leader=FORBIDDEN, rsj=FORBIDDEN, pudong=FORBIDDEN, enterprise=FORBIDDEN)

PAGES = {
    "desk": ("workplan:desk", {}, PAGE),
    "desk export": ("workplan:desk_export", {}, PAGE),
    "task 2": ("workplan:task", {"number": 2}, dict(PAGE, pudong=MISSING)),
    "task 15 (市发展改革委、市教委)": ("workplan:task", {"number": 15}, dict(PAGE, rsj=MISSING, pudong=MISSING)),
    "task 14 (各区政府)": ("workplan:task", {"number": 14}, dict(PAGE, rsj=MISSING)),
    "department page": ("workplan:department", {"organisation_id": "rsj_org"}, PAGE),
    "own district page": ("workplan:district", {"code": "310115"}, PAGE),
    "other district page": ("workplan:district", {"code": "310101"}, dict(PAGE, pudong=MISSING)),
    "scorecard": ("workplan:scorecard", {}, PAGE),
    "scorecard export": ("workplan:scorecard_export", {}, PAGE),
    "timeliness": ("workplan:timeliness", {}, PAGE),
    "bulletin": ("workplan:bulletin_docx", {}, PAGE),
    "bulletin annex": ("workplan:bulletin_annex", {}, PAGE),
    "reports": ("workplan:reports", {}, PAGE),
    "indicator 2-1": ("workplan:indicator", {"indicator_id": "ind_2_1"}, dict(PAGE, pudong=MISSING)),
    "reopen": ("workplan:reopen", {}, OFFICE_ONLY),
    "plan import": ("workplan:plan_import", {}, OFFICE_ONLY),
    "targets upload": ("workplan:targets_upload", {}, OFFICE_ONLY),
    "targets template": ("workplan:targets_template", {}, OFFICE_ONLY),
}

API_ALL = dict(anonymous=401, office=OK, leader=OK, rsj=OK, pudong=OK, enterprise=OK)
API_DESK = dict(API_ALL, enterprise=FORBIDDEN)
APIS = {
    "api desk": ("/api/v1/desk/?year=2024&month=3", API_DESK),
    "api scorecard": ("/api/v1/scorecard/?year=2024&month=3", API_DESK),
    "api tasks": ("/api/v1/tasks/?year=2024", API_ALL),
    "api task 15": ("/api/v1/tasks/15/?year=2024", dict(API_ALL, rsj=MISSING, pudong=MISSING, enterprise=MISSING)),
    "api reports": ("/api/v1/reports/?year=2024", API_ALL),
    "api indicators": ("/api/v1/indicators/?year=2024", API_ALL),
    "api plans": ("/api/v1/plans/", API_ALL),
    "api organisations": ("/api/v1/organisations/", API_ALL),
    "api me": ("/api/v1/me/", API_ALL),
}


@pytest.fixture
def personas(city_officer, leader, rsj_officer, pudong_officer, enterprise_hr):
    return {"anonymous": None, "office": city_officer, "leader": leader, "rsj": rsj_officer,
            "pudong": pudong_officer, "enterprise": enterprise_hr}


def _kwargs(kwargs, plan):
    resolved = {}
    for key, value in kwargs.items():
        if value == "rsj_org":
            value = Organisation.objects.get(name="市人力资源社会保障局").pk
        elif value == "ind_2_1":
            value = Indicator.objects.get(task__plan=plan, task__number=2, ordinal=1).pk
        resolved[key] = value
    return resolved


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_access(client, plan, personas, role, page):
    name, kwargs, expected = PAGES[page]
    if personas[role]:
        client.force_login(personas[role])

    response = client.get(reverse(name, kwargs=_kwargs(kwargs, plan)) + "?year=2024&month=3")

    assert response.status_code == expected[role], f"{page} as {role}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(APIS))
def test_api_access(client, plan, personas, role, endpoint):
    url, expected = APIS[endpoint]
    if personas[role]:
        client.force_login(personas[role])

    response = client.get(url)

    assert response.status_code == expected[role], f"{endpoint} as {role}"


@pytest.mark.parametrize(
    ("role", "tasks"),
    [("office", 46), ("leader", 46), ("rsj", 38), ("pudong", 4), ("enterprise", 0)],
)
def test_task_list_is_scoped_by_role(client, plan, personas, role, tasks):
    client.force_login(personas[role])

    response = client.get("/api/v1/tasks/?year=2024&limit=100")

    assert response.json()["count"] == tasks


def test_district_officer_sees_only_their_own_scorecard_row(client, plan, pudong_officer, city_officer):
    client.force_login(pudong_officer)
    own = client.get("/api/v1/scorecard/?year=2024&month=3").json()["districts"]
    client.force_login(city_officer)
    everyone = client.get("/api/v1/scorecard/?year=2024&month=3").json()["districts"]

    assert [row["code"] for row in own] == ["310115"]
    assert len(everyone) == 16
