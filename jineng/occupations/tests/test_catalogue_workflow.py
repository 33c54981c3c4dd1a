"""The catalogue workflow as declared in core: one way to change state, checked, stamped and audited."""

import pytest
from django.urls import reverse

from jineng.core.exceptions import InvalidState, NotAllowed
from jineng.core.workflow import Transition, Workflow
from jineng.occupations import services
from jineng.occupations.choices import CatalogueState
from jineng.occupations.models import CatalogueVersion
from jineng.occupations.tests.factories import LATHE, draft_with, published_with
from jineng.occupations.workflows import CATALOGUE_WORKFLOW

pytestmark = pytest.mark.django_db


def test_publishing_a_draft_is_a_wrong_state_and_changes_nothing(city_officer):
    draft = draft_with(city_officer, [LATHE])
    rows_before = draft.history.count()

    with pytest.raises(InvalidState, match="只有审核中的目录可以退回或发布"):
        services.catalogue_publish(version=draft, by=city_officer)

    draft.refresh_from_db()
    assert (draft.state, draft.published_at, draft.history.count()) == (CatalogueState.DRAFT, None, rows_before)


def test_the_right_is_checked_before_the_state(city_officer, leader):
    published = published_with(city_officer, [LATHE])

    with pytest.raises(NotAllowed, match="只有专班办公室"):
        services.catalogue_submit(version=published, by=leader)


def test_a_transition_stamps_saves_its_fields_and_records_who_and_why(city_officer):
    draft = draft_with(city_officer, [LATHE])
    version = services.catalogue_submit(version=draft, by=city_officer)

    returned = services.catalogue_return(version=version, by=city_officer, comment="  请补充理由 ")

    assert (returned.state, returned.review_comment) == (CatalogueState.DRAFT, "请补充理由")
    assert (version.state, version.review_comment) == (CatalogueState.DRAFT, "请补充理由")  # the caller's copy follows
    record = returned.history.first()
    assert (record.history_user, record.history_change_reason) == (city_officer, "退回：请补充理由")
    assert CatalogueVersion.objects.get(pk=draft.pk).submitted_at is not None


def test_publishing_supersedes_the_version_in_force_through_its_own_transition(city_officer):
    first = published_with(city_officer, [LATHE])
    second = services.catalogue_submit(version=draft_with(city_officer, [LATHE]), by=city_officer)

    services.catalogue_publish(version=second, by=city_officer)

    first.refresh_from_db()
    assert first.state == CatalogueState.SUPERSEDED and first.superseded_at is not None
    assert [e.target_label for e in CATALOGUE_WORKFLOW.history(first)] == ["草稿", "审核中", "已发布", "已替代"]


def test_available_lists_what_this_user_may_do_now(city_officer, leader):
    draft = draft_with(city_officer, [LATHE])
    urls = {"submit": "/s/", "publish": "/p/", "return": "/r/"}

    assert [a.name for a in CATALOGUE_WORKFLOW.available(draft, city_officer, urls=urls)] == ["submit"]
    assert CATALOGUE_WORKFLOW.available(draft, leader, urls=urls) == []
    services.catalogue_submit(version=draft, by=city_officer)
    assert [a.name for a in CATALOGUE_WORKFLOW.available(draft, city_officer, urls=urls)] == ["publish", "return"]


def test_a_declaration_naming_an_unknown_state_is_refused():
    with pytest.raises(ValueError, match="archived"):
        Workflow(model=CatalogueVersion, allows=lambda user, capability: True, transitions=[
            Transition("archive", "归档", (CatalogueState.PUBLISHED,), "archived", "manage_plan")])


def test_the_review_partial_offers_the_office_its_actions_and_shows_the_history(client, city_officer, leader):
    version = services.catalogue_submit(version=draft_with(city_officer, [LATHE]), by=city_officer)
    client.force_login(city_officer)

    page = client.get(reverse("occupations:catalogue", args=[version.pk])).content.decode()
    client.force_login(leader)
    read_only = client.get(reverse("occupations:catalogue", args=[version.pk])).content.decode()

    assert 'id="review-form"' in page and 'value="publish"' in page and 'value="return"' in page
    assert reverse("occupations:catalogue_publish", args=[version.pk]) in page
    assert "草稿 → 审核中" in page
    assert 'id="review-form"' not in read_only and "草稿 → 审核中" in read_only


def test_api_answers_409_when_publishing_a_draft(client, city_officer):
    draft = draft_with(city_officer, [LATHE])
    client.force_login(city_officer)

    response = client.post(f"/api/v1/catalogues/{draft.pk}/publish/")

    assert (response.status_code, response.json()["code"]) == (409, "invalid_state")
    assert "只有审核中的目录可以退回或发布" in response.json()["detail"]
