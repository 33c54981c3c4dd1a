from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from jineng.core import metrics
from jineng.core.exceptions import DomainError
from jineng.occupations import services
from jineng.occupations.choices import CatalogueKind, CatalogueState, SkillLevel
from jineng.occupations.demo import catalogue_demo_seed
from jineng.occupations.models import CatalogueEntry, CatalogueVersion, Industry, WorkType
from jineng.occupations.selectors import (
    catalogue_counts,
    catalogue_diff,
    catalogue_entries,
    catalogue_occupation_codes,
    catalogue_published,
    catalogue_version_list,
)
from jineng.occupations.tests.factories import (
    ELDER_CARE,
    LATHE,
    MILLING,
    SHANGHAI,
    WELDING,
    draft_with,
    occupation,
    published_with,
)

pytestmark = pytest.mark.django_db


def test_versions_are_numbered_per_kind_and_year_and_a_copy_brings_the_entries(city_officer):
    first = draft_with(city_officer, [LATHE, MILLING])

    second = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=city_officer, copy_from=first)
    other_year = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2025, by=city_officer)

    assert (first.number, second.number, other_year.number) == (1, 2, 1)
    assert second.title == "2024年急需紧缺高技能人才职业（工种）目录（第2版）"
    assert [e.key for e in catalogue_entries(second)] == [LATHE, MILLING]
    assert catalogue_entries(second).first().levels == [SkillLevel.L3, SkillLevel.L2]
    assert second.history.first().history_user == city_officer


@pytest.mark.parametrize("persona", ["rsj_officer", "leader", "pudong_officer", "enterprise_hr"])
def test_only_the_programme_office_writes_catalogues(request, city_officer, persona):
    someone = request.getfixturevalue(persona)
    draft = draft_with(city_officer, [LATHE])
    entry = draft.entries.get()

    for attempt in (
        lambda: services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=someone),
        lambda: services.catalogue_entry_add(version=draft, by=someone, occupation=occupation(MILLING)),
        lambda: services.catalogue_entry_update(entry=entry, by=someone, reason="改"),
        lambda: services.catalogue_entry_remove(entry=entry, by=someone),
        lambda: services.catalogue_submit(version=draft, by=someone),
    ):
        with pytest.raises(DomainError, match="只有专班办公室"):
            attempt()
    with pytest.raises(DomainError, match="只有专班办公室"):
        services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=None)


def test_an_entry_is_listed_once_per_version(city_officer):
    draft = draft_with(city_officer, [LATHE])
    turning = WorkType.objects.create(occupation=occupation(LATHE), name="数控车工", initials="skcg")

    services.catalogue_entry_add(version=draft, by=city_officer, occupation=occupation(LATHE), work_type=turning)
    services.catalogue_entry_add(version=draft, by=city_officer, name="人工智能训练（数据标注）")

    with pytest.raises(DomainError, match="已有“车工”"):
        services.catalogue_entry_add(version=draft, by=city_officer, occupation=occupation(LATHE))
    with pytest.raises(DomainError, match="已有“车工（数控车工）”"):
        services.catalogue_entry_add(version=draft, by=city_officer, occupation=occupation(LATHE), work_type=turning)
    with pytest.raises(DomainError, match="已有"):
        services.catalogue_entry_add(version=draft, by=city_officer, name=" 人工智能训练（数据标注） ")
    assert sorted(draft.entries.values_list("key", flat=True)) == [LATHE, f"{LATHE}/数控车工", "人工智能训练（数据标注）"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "请选择职业，或填写项目名称"),
        ({"occupation": MILLING, "work_type": "数控车工"}, "工种“数控车工”不属于所选职业"),
        ({"occupation": LATHE, "levels": [9]}, "等级“9”不正确"),
        ({"occupation": LATHE, "subsidy_uplift_pct": "130"}, "补贴上浮比例须在 0 到 100 之间"),
        ({"occupation": LATHE, "subsidy_uplift_pct": "三成"}, "不是数字"),
        ({"occupation": LATHE, "effective_from": date(2024, 6, 1), "effective_to": date(2024, 5, 31)}, "失效日期不能早于生效日期"),
    ],
)
def test_entry_fields_are_checked_with_clear_messages(city_officer, fields, message):
    draft = draft_with(city_officer, [])
    WorkType.objects.create(occupation=occupation(LATHE), name="数控车工", initials="skcg")
    if "occupation" in fields:
        fields["occupation"] = occupation(fields["occupation"])
    if "work_type" in fields:
        fields["work_type"] = WorkType.objects.get(name=fields["work_type"])

    with pytest.raises(DomainError, match=message):
        services.catalogue_entry_add(version=draft, by=city_officer, **fields)


def test_special_items_are_named_by_operation_and_have_no_level(city_officer):
    draft = draft_with(city_officer, [], kind=CatalogueKind.SPECIAL)

    item = services.catalogue_entry_add(version=draft, by=city_officer, name="数据标注", occupation=occupation("4-04-05-05"))

    assert (item.key, item.label) == ("4-04-05-05/数据标注", "数据标注")
    with pytest.raises(DomainError, match="不能以“工”“员”“师”结尾"):
        services.catalogue_entry_add(version=draft, by=city_officer, name="数据标注员")
    with pytest.raises(DomainError, match="不分等级"):
        services.catalogue_entry_add(version=draft, by=city_officer, name="模型运用", levels=[SkillLevel.L3])
    with pytest.raises(DomainError, match="须填写项目名称"):
        services.catalogue_entry_add(version=draft, by=city_officer, occupation=occupation(LATHE))


def test_entries_change_only_while_the_version_is_a_draft(city_officer):
    draft = draft_with(city_officer, [LATHE])
    services.catalogue_submit(version=draft, by=city_officer)

    with pytest.raises(DomainError, match="只有草稿可以修改条目"):
        services.catalogue_entry_add(version=draft, by=city_officer, occupation=occupation(MILLING))
    with pytest.raises(DomainError, match="只有草稿可以修改条目"):
        services.catalogue_entry_remove(entry=draft.entries.get(), by=city_officer)


def test_update_changes_only_the_given_fields_and_remove_is_audited(city_officer):
    draft = draft_with(city_officer, [LATHE, MILLING])
    lathe = draft.entries.get(key=LATHE)
    equipment = Industry.objects.get(code="EQUIP")

    updated = services.catalogue_entry_update(entry=lathe, by=city_officer, subsidy_uplift_pct="30", industry=equipment,
                                              residence_policy=True)
    services.catalogue_entry_remove(entry=draft.entries.get(key=MILLING), by=city_officer)

    assert (updated.subsidy_uplift_pct, updated.industry, updated.residence_policy) == (Decimal("30.00"), equipment, True)
    assert updated.levels == [SkillLevel.L3, SkillLevel.L2] and updated.reason == "企业需求缺口大"
    assert updated.history.first().history_change_reason == "修改条目"
    removed = CatalogueEntry.history.filter(key=MILLING, history_type="-").get()
    assert (removed.history_user, removed.history_change_reason) == (city_officer, "删除条目")


def test_submit_refuses_an_empty_catalogue(city_officer):
    draft = draft_with(city_officer, [])

    with pytest.raises(DomainError, match="还没有条目"):
        services.catalogue_submit(version=draft, by=city_officer)


def test_a_returned_version_goes_back_to_draft_with_the_comment(city_officer):
    draft = draft_with(city_officer, [LATHE])
    services.catalogue_submit(version=draft, by=city_officer)

    with pytest.raises(DomainError, match="退回意见"):
        services.catalogue_return(version=draft, by=city_officer, comment=" ")
    returned = services.catalogue_return(version=draft, by=city_officer, comment="请补充养老护理")

    assert (returned.state, returned.review_comment) == (CatalogueState.DRAFT, "请补充养老护理")
    assert returned.history.first().history_change_reason == "退回：请补充养老护理"
    with pytest.raises(DomainError, match="只有审核中的目录可以退回或发布"):
        services.catalogue_publish(version=returned, by=city_officer)


def test_publishing_a_second_version_supersedes_the_first(city_officer):
    first = published_with(city_officer, [LATHE])
    second = draft_with(city_officer, [LATHE, MILLING], copy_from=None)
    other_kind = published_with(city_officer, [LATHE], kind=CatalogueKind.KEY_SUPPORT)
    services.catalogue_submit(version=second, by=city_officer)

    services.catalogue_publish(version=second, by=city_officer)

    first.refresh_from_db()
    other_kind.refresh_from_db()
    assert first.state == CatalogueState.SUPERSEDED and first.superseded_at is not None
    assert other_kind.state == CatalogueState.PUBLISHED
    assert catalogue_published(kind=CatalogueKind.URGENT, year=2024) == second
    assert first.history.first().history_change_reason == "被第 2 版替代"
    assert list(catalogue_version_list(published_only=True, kind=CatalogueKind.URGENT)) == [second]


def test_the_database_allows_one_published_version_per_kind_and_year(city_officer):
    published_with(city_officer, [LATHE])

    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueVersion.objects.create(kind=CatalogueKind.URGENT, year=2024, number=9, title="绕过服务",
                                        state=CatalogueState.PUBLISHED)
    CatalogueVersion.objects.create(kind=CatalogueKind.URGENT, year=2025, number=1, title="另一年度",
                                    state=CatalogueState.PUBLISHED)
    CatalogueVersion.objects.create(kind=CatalogueKind.URGENT, year=2024, number=10, title="已替代",
                                    state=CatalogueState.SUPERSEDED)


def test_the_database_refuses_a_duplicate_entry_or_a_bad_uplift(city_officer):
    draft = draft_with(city_officer, [LATHE])

    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueEntry.objects.create(version=draft, occupation=occupation(LATHE), key=LATHE)
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueEntry.objects.create(version=draft, occupation=occupation(MILLING), key=MILLING,
                                      subsidy_uplift_pct=Decimal("101"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogueEntry.objects.create(version=draft, key="无名")


def test_diff_lists_added_removed_and_changed_entries(city_officer):
    old = draft_with(city_officer, [LATHE, MILLING, WELDING])
    new = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=city_officer, copy_from=old)
    services.catalogue_entry_remove(entry=new.entries.get(key=MILLING), by=city_officer)
    services.catalogue_entry_add(version=new, by=city_officer, occupation=occupation(ELDER_CARE), levels=[3])
    services.catalogue_entry_update(entry=new.entries.get(key=LATHE), by=city_officer,
                                    levels=[SkillLevel.L3, SkillLevel.L2, SkillLevel.L1], subsidy_uplift_pct=30)

    diff = catalogue_diff(old, new)

    assert [e.key for e in diff.added] == [ELDER_CARE]
    assert [e.key for e in diff.removed] == [MILLING]
    assert [(old_entry.key, new_entry.key, fields) for old_entry, new_entry, fields in diff.changed] == [
        (LATHE, LATHE, ["levels", "subsidy_uplift_pct"])
    ]
    assert diff.unchanged == 1
    assert diff.field_labels["levels"] == "等级"


def test_occupation_codes_come_from_the_catalogue_in_force_on_the_day(city_officer):
    march = published_with(city_officer, [LATHE, MILLING], published_at=datetime(2024, 3, 15, 10, tzinfo=SHANGHAI))
    september = services.catalogue_version_create(kind=CatalogueKind.URGENT, year=2024, by=city_officer, copy_from=march)
    services.catalogue_entry_remove(entry=september.entries.get(key=MILLING), by=city_officer)
    services.catalogue_entry_add(version=september, by=city_officer, occupation=occupation(WELDING),
                                 effective_from=date(2024, 10, 1))
    services.catalogue_entry_add(version=september, by=city_officer, occupation=occupation(ELDER_CARE),
                                 effective_to=date(2024, 11, 30))
    services.catalogue_submit(version=september, by=city_officer)
    services.catalogue_publish(version=september, by=city_officer)
    CatalogueVersion.objects.filter(pk=september.pk).update(published_at=datetime(2024, 9, 20, 10, tzinfo=SHANGHAI))

    def codes(day):
        return catalogue_occupation_codes(kind=CatalogueKind.URGENT, on=day)

    assert codes(date(2024, 3, 14)) == set()
    assert codes(date(2024, 3, 15)) == {LATHE, MILLING}
    assert codes(date(2024, 9, 20)) == {LATHE, ELDER_CARE}
    assert codes(date(2024, 10, 1)) == {LATHE, WELDING, ELDER_CARE}
    assert codes(date(2024, 12, 1)) == {LATHE, WELDING}
    assert codes(date(2025, 1, 5)) == {LATHE, WELDING}  # until the 2025 catalogue is published
    assert catalogue_counts(year=2024) == {"urgent": 3, "new_skill": 0, "special": 0, "key_support": 0}


def test_catalogue_metrics_are_registered_and_count_from_the_month_of_publication(city_officer):
    published_with(city_officer, [LATHE, MILLING, WELDING], published_at=datetime(2024, 5, 31, 23, 30, tzinfo=SHANGHAI))
    urgent = metrics.get_metric("catalogue.urgent_entries")

    assert (urgent.label, urgent.unit) == ("急需紧缺目录已发布条目", "项")
    assert metrics.metric_compute("catalogue.urgent_entries", year=2024, month=4).city == Decimal(0)
    assert metrics.metric_compute("catalogue.urgent_entries", year=2024, month=5).city == Decimal(3)
    assert metrics.metric_compute("catalogue.urgent_entries", year=2024, month=12).city == Decimal(3)
    assert metrics.metric_compute("catalogue.urgent_entries", year=2025, month=1).city == Decimal(0)
    assert metrics.metric_compute("catalogue.new_skill_entries", year=2024, month=12).city == Decimal(0)


def test_demo_seed_publishes_100_30_20_tells_a_story_and_is_idempotent(city_officer):
    first = catalogue_demo_seed(by=city_officer)
    second = catalogue_demo_seed(by=city_officer)

    assert first.published == {"urgent": 100, "new_skill": 30, "special": 20, "key_support": 0}
    assert (first.versions_created, second.versions_created, second.published) == (5, 0, first.published)
    march, september = CatalogueVersion.objects.filter(kind="urgent", year=2024).order_by("number")
    assert (march.state, march.entries.count(), september.entries.count()) == ("superseded", 90, 100)
    diff = catalogue_diff(march, september)
    assert (len(diff.added), len(diff.removed), len(diff.changed)) == (15, 5, 6)
    assert september.entries.filter(subsidy_uplift_pct=30, residence_policy=True).count() == 7
    assert all(min(entry.levels) >= SkillLevel.L3 for entry in september.entries.all())
    draft = CatalogueVersion.objects.get(kind="urgent", year=2025)
    assert (draft.state, draft.entries.count(), draft.copied_from) == ("draft", 100, september)
    assert not CatalogueEntry.objects.filter(version__kind="special", name__regex=r"[工员师]$").exists()

    def urgent(month):
        return metrics.metric_compute("catalogue.urgent_entries", year=2024, month=month).city

    assert (urgent(2), urgent(3), urgent(8), urgent(9)) == (0, 90, 90, 100)
    new_skill = metrics.get_metric("catalogue.new_skill_entries").compute
    assert (new_skill(2024, 3).city, new_skill(2024, 4).city) == (0, 30)
