import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jineng.core.logging import MaskPersonalDataFilter, mask_resident_ids

ROOT = Path(__file__).resolve().parents[3]


def test_passwords_are_hashed_with_argon2():
    from config import settings as project_settings

    assert "Argon2" in project_settings.PASSWORD_HASHERS[0]


@pytest.mark.django_db
def test_pages_send_security_headers_and_a_content_security_policy(client):
    response = client.get("/accounts/login/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_login_is_locked_after_repeated_failures(client, settings, rsj_officer):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "rsj", "password": "wrong-password"})

    response = client.post("/accounts/login/", {"username": "rsj", "password": "Test-pass-2024!"})

    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_sessions_expire_after_inactivity(settings):
    assert settings.SESSION_COOKIE_AGE <= 3600 and settings.SESSION_SAVE_EVERY_REQUEST


def _production_environment(tmp_path) -> dict[str, str]:
    env = dict(
        os.environ,
        DJANGO_SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        DJANGO_DEBUG="false",
        DJANGO_SECURE_SSL_REDIRECT="true",
        DJANGO_SECURE_COOKIES="true",
        DJANGO_SECURE_HSTS_SECONDS="31536000",
        DJANGO_ALLOWED_HOSTS="jineng.example.gov.cn",
        JINENG_VAR_DIR=str(tmp_path),
        JINENG_PERSONAL_DATA_KEY="MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        JINENG_LOOKUP_KEY="ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=",
    )
    env.pop("DATABASE_URL", None)
    return env


def _check_deploy(env: dict[str, str], *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", *options],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )


def test_deploy_check_is_clean_under_production_variables(tmp_path):
    result = _check_deploy(_production_environment(tmp_path), "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("unset", "error"),
    [
        (["DJANGO_SECRET_KEY"], "jineng.E001"),
        (["JINENG_PERSONAL_DATA_KEY"], "jineng.E002"),
        (["JINENG_LOOKUP_KEY"], "jineng.E002"),
    ],
)
def test_deploy_check_fails_on_the_published_secret_key_or_derived_personal_data_keys(tmp_path, unset, error):
    env = _production_environment(tmp_path)
    for name in unset:
        env.pop(name)

    result = _check_deploy(env)

    assert result.returncode != 0
    assert f"({error})" in result.stderr and "ERRORS" in result.stderr


def test_log_lines_never_hold_a_full_resident_id(caplog):
    assert mask_resident_ids("申请人 11010519491231002X 已提交") == "申请人 110105********002X 已提交"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "id=%s", ("440524188001010014",), None)

    MaskPersonalDataFilter().filter(record)

    assert record.getMessage() == "id=440524********0014"
