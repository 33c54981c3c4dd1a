import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_fresh_clone_opens_its_sqlite_database_without_a_var_directory(tmp_path):
    var_dir = tmp_path / "clone" / "var"
    env = dict(os.environ, JINENG_VAR_DIR=str(var_dir))
    env.pop("DATABASE_URL", None)
    program = (
        "import django; django.setup(); from django.db import connection; "
        "connection.ensure_connection(); print(connection.settings_dict['NAME'])"
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program],
        cwd=ROOT, env=dict(env, DJANGO_SETTINGS_MODULE="config.settings"),
        capture_output=True, text=True, check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(var_dir / "jineng.sqlite3")
    assert (var_dir / "jineng.sqlite3").exists()
