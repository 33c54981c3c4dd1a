import csv
import io
import json
import random

import pytest
from django.core.management import CommandError, call_command

from jineng.core.engine.identifiers import synthetic_uscc
from jineng.wages.engine.records import columns_for

pytestmark = pytest.mark.django_db(databases=[])  # the command must not touch the database


def _file(tmp_path, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns_for(with_credit_code=True))
    for code, occupation, level, pay in rows:
        writer.writerow([code, occupation, "", level, pay, "", "", "", "", "技能", ""])
    path = tmp_path / "survey.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _run(path, *extra):
    out = io.StringIO()
    call_command("wage_levels", "--input", str(path), "--json", *extra, stdout=out)
    return json.loads(out.getvalue())["cells"]


def test_prints_cells_with_counts_amounts_and_suppression(tmp_path):
    rng = random.Random(1)
    codes = [synthetic_uscc(rng=rng) for _ in range(4)]
    rows = [(codes[i % 4], "6-18-01-01", "三级/高级工", 100000 + 1000 * i) for i in range(12)]
    rows += [(codes[0], "6-18-01-01", "二级/技师", 150000 + i) for i in range(5)]
    rows += [(codes[i % 3], "6-18-01-01", "四级/中级工", 80000 + i) for i in range(11)]
    path = _file(tmp_path, rows)

    cells = _run(path)

    level3 = next(c for c in cells if c["level"] == "三级/高级工")
    assert set(level3) == {"occupation_code", "level", "n_enterprises", "n_workers", "p10", "p25", "p50", "p75",
                           "p90", "suppressed", "reason"}
    assert (level3["n_enterprises"], level3["n_workers"], level3["suppressed"]) == (4, 12, False)
    assert level3["p50"] == "105500.00" and level3["p10"] == "101100.00"
    level2 = next(c for c in cells if c["level"] == "二级/技师")
    assert level2["suppressed"] and level2["reason"] == "few_enterprises" and level2["p50"] is None
    assert next(c for c in cells if c["level"] == "四级/中级工")["reason"] == "complementary"
    assert next(c for c in cells if c["level"] is None)["n_workers"] == 28
    assert _run(path, "--min-enterprises", "1", "--min-workers", "5", "--dominance", "1")[0]["suppressed"] is False


def test_complementary_cell_is_hidden(tmp_path):
    rng = random.Random(2)
    codes = [synthetic_uscc(rng=rng) for _ in range(4)]
    rows = [(codes[i % 4], "6-18-01-01", "三级/高级工", 100000 + i) for i in range(12)]
    rows += [(codes[0], "6-18-01-01", "二级/技师", 150000 + i) for i in range(5)]

    cells = _run(_file(tmp_path, rows))

    assert [c["reason"] for c in cells if c["level"]] == ["complementary", "few_enterprises"]


def test_bad_file_is_refused_with_the_row(tmp_path):
    path = _file(tmp_path, [("91310000MA1FL0000X", "6-18-01-01", "三级/高级工", 100000)])

    with pytest.raises(CommandError, match="第 2 行“统一社会信用代码”"):
        _run(path)
