"""Pure helpers for the header row of an import file, shared by every module's row engine."""

from collections.abc import Collection, Sequence


def header_positions(header: Sequence[object], *, columns: Sequence[str],
                     required: Collection[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name (blanks and a byte-order mark ignored), or what is wrong with the header row:
    an unknown column, a repeated one, or required columns missing (in the template's order)."""
    known = set(columns)
    positions: dict[str, int] = {}
    problems: list[str] = []
    for index, cell in enumerate(header):
        name = "".join(str(cell).split()).lstrip("\ufeff")
        if not name:
            continue
        if name not in known:
            problems.append(f"第 1 行第 {index + 1} 列：未知的列“{name}”，请使用下载的模板")
        elif name in positions:
            problems.append(f"第 1 行第 {index + 1} 列：列“{name}”重复")
        else:
            positions[name] = index
    missing = [name for name in columns if name in required and name not in positions]
    if missing:
        problems.append(f"第 1 行表头缺少列：{'、'.join(missing)}，请使用下载的模板")
    return positions, problems
