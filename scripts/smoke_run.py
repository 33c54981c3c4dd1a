#!/usr/bin/env python3
"""A newcomer's `make run`, proven: clone a commit into a temporary folder, start `make run` there on a free
port, wait for the login page, log in as the programme office, open the desk, then stop the whole process
group. Then `make serve` on the same clone against a throwaway PostgreSQL cluster: /health/ all OK, gunicorn
with WEB_CONCURRENCY workers beside db_worker, hashed static files with long-lived caching; stopped as well,
and the clone removed. Standard library only, so it runs before any virtualenv exists.

    python3 scripts/smoke_run.py [--commit REV] [--timeout SECONDS] [--keep]

Exits non-zero when any step fails; the clone and every process it started are removed in every case.
"""

import argparse
import base64
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERNAME = "office"
PASSWORD = os.environ.get("JINENG_DEMO_PASSWORD", "Jineng@2024demo")
# Tasks of the 2024 plan (jineng/workplan/data/plan-2024.txt) that the seeded desk lists by name.
PLAN_TASKS = ("加强急需紧缺职业（工种）需求预测", "发挥培训补贴政策“指挥棒”作用")
HAN = re.compile(r"[\u4e00-\u9fff]")
# Variables that would point the clone away from its own defaults (its SQLite file under var/).
ISOLATE = ("DATABASE_URL", "JINENG_VAR_DIR", "DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV", "MAKEFLAGS", "MAKELEVEL")


class SmokeFailure(Exception):
    pass


def main() -> int:
    args = _arguments()
    commit = _git("rev-parse", args.commit).strip()
    workdir = Path(tempfile.mkdtemp(prefix="jineng-smoke-"))
    clone = workdir / "jineng"
    running: list[subprocess.Popen] = []
    logs: list[Path] = []
    checks: list[str] = []
    started = time.monotonic()
    _stop_on_signals()
    try:
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)  # noqa: S603, S607
        subprocess.run(["git", "-C", str(clone), "checkout", "-q", commit], check=True)  # noqa: S603, S607
        checks.append(f"cloned {commit[:12]} into {clone} (no var/, no .venv, no node_modules)")
        checks += _make_run(clone, workdir, running, logs, deadline=started + args.timeout)
        checks.append(_stop_group(running.pop()))
        if not args.skip_serve:
            checks += _make_serve(clone, workdir, running, logs, deadline=time.monotonic() + 600)
            checks.append(_stop_group(running.pop()))
    except (SmokeFailure, subprocess.CalledProcessError, OSError) as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        if logs:
            _print_log_tail(logs[-1])
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # finish cleaning up even when told to stop
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        checks += [_stop_group(process) for process in running]
        for line in checks:
            print(f"smoke: {line}")
        if args.keep:
            print(f"smoke: kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"smoke: passed in {time.monotonic() - started:.0f} s")
    return 0


def _make_run(clone: Path, workdir: Path, running: list, logs: list, deadline: float) -> list[str]:
    """The README's first command on the fresh clone: its own virtualenv, SQLite under var/, the demo."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = ["make", "run", "HOST=127.0.0.1", f"PORT={port}"]
    process = _start(command, clone, _clean_environment(), workdir / "make-run.log", logs)
    running.append(process)
    began = time.monotonic()
    _wait_for(f"{url}/accounts/login/", process, deadline)
    return [
        f"`make run PORT={port}` (process group {process.pid}) served {url}/accounts/login/ "
        f"after {time.monotonic() - began:.0f} s",
        *_log_in_and_open_the_desk(url),
    ]


def _make_serve(clone: Path, workdir: Path, running: list, logs: list, deadline: float) -> list[str]:
    """The production shape on the same clone: gunicorn with WEB_CONCURRENCY workers, db_worker, the manifest
    storage, against a throwaway PostgreSQL cluster, with production secrets."""
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        return ["`make serve` not tried: no PostgreSQL server binaries (scripts/system_deps.sh installs them)"]
    port, workers = _free_port(), 2
    url = f"http://127.0.0.1:{port}"
    env = _clean_environment() | {
        "WEB_CONCURRENCY": str(workers),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "JINENG_PERSONAL_DATA_KEY": base64.b64encode(os.urandom(32)).decode(),
        "JINENG_LOOKUP_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    command = ["bash", "scripts/with_postgres.sh", "make", "serve", "HOST=127.0.0.1", f"PORT={port}"]
    process = _start(command, clone, env, workdir / "make-serve.log", logs)
    running.append(process)
    began = time.monotonic()
    _wait_for(f"{url}/health/?format=json", process, deadline)
    checks = [f"`make serve PORT={port}` (process group {process.pid}) answered /health/ after {time.monotonic() - began:.0f} s"]

    opener = urllib.request.build_opener()
    status, body = _get(opener, f"{url}/health/?format=json")
    health = json.loads(body)
    if status != 200 or set(health.values()) != {"OK"} or len(health) < 3:
        raise SmokeFailure(f"/health/ answered {status}: {body}")
    checks.append(f"/health/ answered 200: {', '.join(name.split('(')[0] for name in health)} OK")

    servers = [command for command in _group_commands(process.pid) if "trap" not in command]  # not make's shell
    gunicorns = [command for command in servers if "bin/gunicorn" in command]
    if len(gunicorns) != workers + 1 or not any("db_worker" in command for command in servers):
        raise SmokeFailure(f"expected gunicorn with {workers} workers and a db_worker, found {servers}")
    checks.append(f"gunicorn runs {workers} workers (WEB_CONCURRENCY={workers}) beside db_worker")

    status, page = _get(opener, f"{url}/accounts/login/")
    stylesheet = re.search(r'href="(/static/css/jineng\.[0-9a-f]{12}\.css)"', page)
    if status != 200 or stylesheet is None:
        raise SmokeFailure(f"the login page ({status}) links no hashed stylesheet: {_excerpt(page)}")
    with opener.open(f"{url}{stylesheet.group(1)}", timeout=60) as response:
        caching = response.headers.get("Cache-Control", "")
    if "immutable" not in caching:
        raise SmokeFailure(f"{stylesheet.group(1)} is served with Cache-Control {caching!r}")
    checks.append(f"whitenoise serves the collected {stylesheet.group(1)} with {caching!r}")
    return checks


def _start(command: list[str], clone: Path, env: dict[str, str], log_path: Path, logs: list) -> subprocess.Popen:
    logs.append(log_path)
    with log_path.open("wb") as log:
        return subprocess.Popen(  # noqa: S603
            command, cwd=clone, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one
        )


def _group_commands(pgid: int) -> list[str]:
    commands = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:
                commands.append((stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip())
        except (OSError, IndexError, ValueError):
            continue
    return commands


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commit", default="HEAD", help="the commit to clone (default HEAD)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds to wait for the URL (default 900)")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    parser.add_argument("--skip-serve", action="store_true", help="try `make run` only, not `make serve`")
    return parser.parse_args()


def _log_in_and_open_the_desk(url: str) -> list[str]:
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    status, page = _get(opener, f"{url}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        raise SmokeFailure("the login page has no CSRF token")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token.group(1), "username": USERNAME, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(  # noqa: S310  (http URL built above)
        f"{url}/accounts/login/", data=form, headers={"Referer": f"{url}/accounts/login/"}
    )
    status, page = _open(opener, request)
    if not any(cookie.name == "sessionid" for cookie in cookies):
        raise SmokeFailure(f"logging in as {USERNAME} gave no session (status {status}): {_excerpt(page)}")
    checks = [f"logged in as {USERNAME} (CSRF token from the form, session cookie set)"]

    status, desk = _get(opener, f"{url}/desk/")
    if status != 200:
        raise SmokeFailure(f"/desk/ answered {status}")
    chinese = len(HAN.findall(desk))
    if chinese < 100:
        raise SmokeFailure(f"/desk/ holds only {chinese} Chinese characters: {_excerpt(desk)}")
    found = [task for task in PLAN_TASKS if task in desk]
    if not found:
        raise SmokeFailure(f"/desk/ names none of the plan's tasks {PLAN_TASKS}: {_excerpt(desk)}")
    checks.append(f"/desk/ answered 200 with {chinese} Chinese characters and the plan's task 「{found[0]}」")
    return checks


def _get(opener, url: str) -> tuple[int, str]:
    return _open(opener, urllib.request.Request(url))  # noqa: S310


def _open(opener, request) -> tuple[int, str]:
    try:
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _wait_for(url: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SmokeFailure(f"`make run` exited with status {process.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(2)
    raise SmokeFailure(f"{url} did not answer within the time allowed")


def _stop_group(process: subprocess.Popen) -> str:
    """SIGTERM to the whole group (make, its shell, runserver and its reloader, db_worker); SIGKILL after 20 s."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return "process group already gone"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _group_alive(process.pid):
        process.poll()
        time.sleep(0.5)
    if _group_alive(process.pid):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return f"process group {process.pid} killed (SIGKILL) after ignoring SIGTERM for 20 s"
    process.wait()
    return f"process group {process.pid} stopped (SIGTERM), no process left"


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _stop_on_signals() -> None:
    def stop(signum, _frame):
        raise SmokeFailure(f"interrupted by signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def _clean_environment() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in ISOLATE}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p)
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout  # noqa: S603, S607


def _excerpt(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))[:300]


def _print_log_tail(path: Path, lines: int = 40) -> None:
    if path.exists():
        print(f"--- last {lines} lines of {path.name} ---", file=sys.stderr)
        print("\n".join(path.read_text(errors="replace").splitlines()[-lines:]), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
