"""Pay-survey skill levels: the five certificate levels, as ``SkillLevel`` values (五级 = 1 … 一级 = 5)."""

LEVEL_NAMES: dict[int, str] = {
    1: "五级/初级工",
    2: "四级/中级工",
    3: "三级/高级工",
    4: "二级/技师",
    5: "一级/高级技师",
}
HIGH_SKILLED_LEVELS = frozenset({3, 4, 5})


def level_spellings() -> dict[str, int]:
    """Every accepted spelling of a level in a file: the full name, either half, and the digit."""
    spellings: dict[str, int] = {}
    digits = {1: "五级", 2: "四级", 3: "三级", 4: "二级", 5: "一级"}
    for value, name in LEVEL_NAMES.items():
        spellings[name] = value
        for part in name.split("/"):
            spellings[part] = value
        spellings[digits[value]] = value
        spellings[str(6 - value)] = value
    return spellings
