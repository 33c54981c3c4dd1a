"""Row rules of the result upload (pure): the header, each row's fields, messages ``第 N 行“列”：…``."""

from dataclasses import dataclass
from decimal import Decimal

from jineng.core.engine.identifiers import resident_id_parse
from jineng.evaluation.engine.rules import result_passes, score_parse

ID, NAME, THEORY, PRACTICAL, COMPREHENSIVE = "身份证号", "姓名", "理论成绩", "实操成绩", "综合评审成绩"
HEADER = (ID, NAME, THEORY, PRACTICAL, COMPREHENSIVE)
REQUIRED = (ID, NAME)
MAX_ERRORS = 200


@dataclass(frozen=True)
class ResultRow:
    row: int
    resident_id: str
    name: str
    theory: Decimal | None
    practical: Decimal | None
    comprehensive: Decimal | None
    passed: bool


def header_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name, and the errors (missing columns)."""
    columns = {cell.strip(): index for index, cell in enumerate(header) if cell.strip()}
    missing = [name for name in REQUIRED if name not in columns]
    return columns, [f"第 1 行“{name}”：缺少此列" for name in missing]


def rows_validate(rows, columns: dict[str, int], *, level: int | None, first_row: int = 2
                  ) -> tuple[list[ResultRow], list[str]]:
    """Every row checked; (valid rows, errors). A person twice in the file is an error on the second row."""
    valid, errors, seen = [], [], {}

    def cell(cells: list[str], name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    for number, cells in enumerate(rows, start=first_row):
        if not any((c or "").strip() for c in cells):
            continue
        row_errors = []
        resident_id = ""
        try:
            resident_id = resident_id_parse(cell(cells, ID)).number
        except ValueError as exc:
            row_errors.append(f"第 {number} 行“{ID}”：{exc}")
        name = cell(cells, NAME)
        if not name:
            row_errors.append(f"第 {number} 行“{NAME}”：不能为空")
        elif len(name) > 40:
            row_errors.append(f"第 {number} 行“{NAME}”：不能超过 40 字")
        scores = {}
        for column in (THEORY, PRACTICAL, COMPREHENSIVE):
            try:
                scores[column] = score_parse(cell(cells, column))
            except ValueError:
                row_errors.append(f"第 {number} 行“{column}”：须为 0–100 的数，最多一位小数")
        if resident_id and resident_id in seen:
            row_errors.append(f"第 {number} 行“{ID}”：与第 {seen[resident_id]} 行重复")
        if row_errors:
            errors += row_errors
            if len(errors) >= MAX_ERRORS:
                break
            continue
        seen[resident_id] = number
        valid.append(ResultRow(number, resident_id, name, scores[THEORY], scores[PRACTICAL], scores[COMPREHENSIVE],
                               result_passes(level, theory=scores[THEORY], practical=scores[PRACTICAL],
                                             comprehensive=scores[COMPREHENSIVE])))
    return valid, errors[:MAX_ERRORS]
