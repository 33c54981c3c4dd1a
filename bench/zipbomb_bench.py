"""Zip-bomb bench: a 1.1 MB .xlsx whose sheet inflates to 1.1 GB, sent to every import; peak memory of each.

Each import runs in its own process, as it does in production (``manage.py import_training``, ``import_plan``,
the demand upload's service in a worker); the peak resident set size comes from ``os.wait4`` on that process.
Goal: every import refuses the file with a Chinese message and peaks under 300 MB (measured before the guard:
demand upload 2,445 MB, training 2,396 MB, plan 1,496 MB, ``import_training`` 5,408 MB).

BENCH_BOMB_MB changes the inflated size (default 1100). Runs on a temporary SQLite file.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOAL_MB = 300
DEMAND = """
import sys, django
django.setup()
from jineng.core.exceptions import ImportRejected
from jineng.demand.services.upload import demand_lines_parse
try:
    demand_lines_parse(open(sys.argv[1], "rb").read(), file_name="需求表.xlsx")
except ImportRejected as exc:
    print(exc, file=sys.stderr)
    raise SystemExit(1)
"""


def main() -> None:
    from jineng.core.tests.zipbomb import docx_bomb, xlsx_bomb

    inflated = int(os.environ.get("BENCH_BOMB_MB", "1100")) * 1024 * 1024
    folder = Path(tempfile.mkdtemp(prefix="jineng-zipbomb-bench-"))
    env = dict(os.environ, JINENG_VAR_DIR=str(folder), DJANGO_SETTINGS_MODULE="config.settings", AXES_ENABLED="false")
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    xlsx, docx = folder / "bomb.xlsx", folder / "bomb.docx"
    xlsx.write_bytes(xlsx_bomb(inflated))
    docx.write_bytes(docx_bomb(inflated))
    built = time.perf_counter() - started
    python, manage = sys.executable, str(ROOT / "manage.py")
    subprocess.run([python, manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    runs = [
        ("demand upload (service)", [python, "-c", DEMAND, str(xlsx)]),
        ("manage.py import_training .xlsx", [python, manage, "import_training", str(xlsx)]),
        ("manage.py import_plan .xlsx", [python, manage, "import_plan", str(xlsx)]),
        ("manage.py import_plan .docx", [python, manage, "import_plan", str(docx)]),
    ]
    print(f"Jineng zip-bomb bench — .xlsx {xlsx.stat().st_size / 1048576:.1f} MB, .docx "
          f"{docx.stat().st_size / 1048576:.1f} MB, each inflating to {inflated / 1048576:,.0f} MB (built in {built:.1f} s)")
    print(f"{'import':34} {'refused':>8} {'peak RSS MB':>12} {'goal':>6} {'seconds':>8}  message")
    for label, command in runs:
        refused, peak, seconds, message = measure(command, env)
        verdict = "ok" if refused and peak < GOAL_MB else "FAIL"
        print(f"{label:34} {'yes' if refused else 'NO':>8} {peak:12.0f} {verdict:>6} {seconds:8.2f}  {message[:90]}")


def measure(command: list[str], env: dict) -> tuple[bool, float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # wait4 gives this one process's own peak (ru_maxrss, KiB on Linux), unlike RUSAGE_CHILDREN's running maximum.
    out, err = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    text = (err or out).decode(errors="replace").strip().splitlines()
    message = next((line for line in text if "拒绝" in line or "炸弹" in line), text[-1] if text else "")
    return process.returncode != 0, usage.ru_maxrss / 1024, time.perf_counter() - started, message


if __name__ == "__main__":
    main()
