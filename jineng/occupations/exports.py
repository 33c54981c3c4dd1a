"""Catalogues and their differences as spreadsheets."""

from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.occupations.models import CatalogueEntry, CatalogueVersion
from jineng.occupations.selectors import CatalogueDiff, catalogue_entries

ENTRY_HEADERS = [
    "序号", "标识", "职业编码", "职业（工种）/项目名称", "工种", "等级", "产业", "列入理由", "补贴上浮比例（%）",
    "适用居住证、落户政策", "生效日期", "失效日期",
]  # fmt: skip


def entry_row(number: int, entry: CatalogueEntry) -> list:
    return [
        number,
        entry.key,
        entry.occupation.code if entry.occupation else "",
        entry.label,
        entry.work_type.name if entry.work_type else "",
        "、".join(entry.level_labels),
        entry.industry.name if entry.industry else "",
        entry.reason,
        entry.subsidy_uplift_pct,
        "是" if entry.residence_policy else "否",
        entry.effective_from,
        entry.effective_to,
    ]


def catalogue_rows(version: CatalogueVersion) -> list[list]:
    return [entry_row(number, entry) for number, entry in enumerate(catalogue_entries(version), start=1)]


def catalogue_diff_xlsx(diff: CatalogueDiff, *, old: CatalogueVersion, new: CatalogueVersion) -> bytes:
    """Three sheets: 新增 and 删除 list the entries; 调整 shows each changed field before and after."""
    workbook = new_workbook()
    workbook_add_table(workbook, title="新增", headers=ENTRY_HEADERS,
                       rows=[entry_row(n, e) for n, e in enumerate(diff.added, start=1)])
    workbook_add_table(workbook, title="删除", headers=ENTRY_HEADERS,
                       rows=[entry_row(n, e) for n, e in enumerate(diff.removed, start=1)])
    workbook_add_table(
        workbook, title="调整", headers=["序号", "标识", "职业（工种）/项目名称", "调整项", f"原值（{old.title}）", f"新值（{new.title}）"],
        rows=[
            [number, change.new.key, change.new.label, diff.field_labels[name],
             field_text(change.old, name), field_text(change.new, name)]
            for number, change in enumerate(diff.changed, start=1)
            for name in change.fields
        ],
    )
    return workbook_bytes(workbook)


def field_text(entry: CatalogueEntry, name: str) -> str:
    """A field of an entry as a reader would write it: 三级/高级工、二级/技师; 30.00; 是."""
    if name == "levels":
        return "、".join(entry.level_labels)
    value = getattr(entry, name)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def changes_for_display(diff: CatalogueDiff) -> list[tuple]:
    """(change, [(field label, old text, new text), …]) for each changed entry."""
    return [
        (change, [(diff.field_labels[name], field_text(change.old, name), field_text(change.new, name))
                  for name in change.fields])
        for change in diff.changed
    ]
