"""Pure helpers for the header row of an import file, shared by every module's row engine."""

from collections.abc import Collection, Sequence

from jineng.core.engine.messages import Message, gettext_noop


def header_positions(header: Sequence[object], *, columns: Sequence[str],
                     required: Collection[str]) -> tuple[dict[str, int], list[str]]:
    """Column positions by name (blanks and a byte-order mark ignored), or what is wrong with the header row:
    an unknown column, a repeated one, or required columns missing (in the template's order)."""
    known = set(columns)
    positions: dict[str, int] = {}
    problems: list[str] = []  # Message templates (core.engine.messages)
    for index, cell in enumerate(header):
        name = "".join(str(cell).split()).lstrip("\ufeff")
        if not name:
            continue
        if name not in known:
            problems.append(Message(gettext_noop("第 1 行第 {column} 列：未知的列“{name}”，请使用下载的模板"), column=index + 1,
                                    name=name))
        elif name in positions:
            problems.append(Message(gettext_noop("第 1 行第 {column} 列：列“{name}”重复"), column=index + 1, name=name))
        else:
            positions[name] = index
    missing = [name for name in columns if name in required and name not in positions]
    if missing:
        problems.append(Message(gettext_noop("第 1 行表头缺少列：{columns}，请使用下载的模板"), columns="、".join(missing)))
    return positions, problems
