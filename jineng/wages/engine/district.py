"""The rows of a district's skilled-workforce survey file: occupation, level, headcount; pure Python."""

from collections.abc import Collection, Iterable, Sequence

from jineng.core.engine.tables import header_positions
from jineng.wages.engine.levels import level_spellings

COLUMNS = ("职业编码", "技能等级", "人数")
HEADCOUNT_LIMIT = 1_000_000


def district_counts_parse(rows: Iterable[Sequence[str]], *, occupation_codes: Collection[str],
                          ) -> tuple[dict[tuple[str, int], int], list[str]]:
    """Headcounts by (occupation code, level), or every problem as 第 N 行“列”：…; a repeated cell is an error."""
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None:
        return {}, ["文件是空的"]
    positions, problems = header_positions(header, columns=COLUMNS, required=COLUMNS)
    if problems:
        return {}, problems
    spellings = level_spellings()
    counts: dict[tuple[str, int], int] = {}
    errors: list[str] = []
    for number, cells in enumerate(iterator, start=2):
        raw = {name: (str(cells[i]).strip() if i < len(cells) else "") for name, i in positions.items()}
        if not any(raw.values()):
            continue
        code, level_text, count_text = raw["职业编码"], raw["技能等级"].replace(" ", ""), raw["人数"].replace(",", "")
        row_errors = []
        if code not in occupation_codes:
            row_errors.append(("职业编码", f"“{code}”不是 2022 年版职业分类大典中的职业编码"))
        level = spellings.get(level_text)
        if level is None:
            row_errors.append(("技能等级", f"“{level_text}”不是技能等级"))
        if not count_text.isdigit() or int(count_text) > HEADCOUNT_LIMIT:
            row_errors.append(("人数", f"“{count_text}”应为 0–{HEADCOUNT_LIMIT} 的整数"))
        if not row_errors and (code, level) in counts:
            row_errors.append(("职业编码", "同一职业、等级重复"))
        if row_errors:
            errors.extend(f"第 {number} 行“{column}”：{message}" for column, message in row_errors)
        else:
            counts[(code, level)] = int(count_text)
    if not counts and not errors:
        errors.append("文件中没有数据行")
    return ({} if errors else counts), errors
