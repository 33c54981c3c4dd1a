import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_fresh_clone_opens_its_sqlite_database_without_a_var_directory(tmp_path):
    var_dir = tmp_path / "clone" / "var"
    env = dict(os.environ, JINENG_VAR_DIR=str(var_dir))
    env.pop("DATABASE_URL", None)
    env.pop("PYTEST_XDIST_WORKER", None)  # a parallel test worker's files go one level down
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


def test_the_cache_behind_throttles_is_shared_by_every_process_of_the_machine(tmp_path):
    env = dict(os.environ, JINENG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    program = "import django, sys; django.setup(); from django.core.cache import cache; {}"

    def run(statement: str) -> str:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", program.format(statement)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return result.stdout.strip()

    run("cache.set('throttle_anon_192.0.2.1', [1, 2, 3], 60)")

    assert run("print(cache.get('throttle_anon_192.0.2.1'))") == "[1, 2, 3]"
