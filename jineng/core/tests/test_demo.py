"""seed_demo runs the steps the apps registered, in order; demo_banner lists every login the README lists."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from jineng.core import modules
from jineng.core.modules import DemoLogin, DemoStep


def seed_demo(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def steps(monkeypatch, db) -> list[tuple[str, int, bool]]:
    """Three registered steps of our own that note when they ran, with which year and whether to reset."""
    ran: list[tuple[str, int, bool]] = []
    monkeypatch.setattr(modules, "_DEMO", {})

    def step(name: str, order: int, *after: str) -> DemoStep:
        def run(context):
            ran.append((name, context.year, context.reset))
            return {f"{name} 记录": len(ran)}

        return modules.register_demo_step(DemoStep(name, run, order=order, after=after, description=f"{name}演示"))

    step("accounts", 1)
    step("training", 2, "accounts")
    step("subsidies", 3, "training")
    step("catalogue", 4, "accounts")
    return ran


def test_seed_demo_runs_every_step_in_order_and_prints_its_counts(steps) -> None:
    output = seed_demo("--reset")

    assert [name for name, _, _ in steps] == ["accounts", "training", "subsidies", "catalogue"]
    assert all(year == 2024 and reset for _, year, reset in steps)
    assert "training：training演示\n  training 记录：2" in output


def test_seed_demo_skips_a_step_by_name_with_the_steps_built_on_it(steps) -> None:
    output = seed_demo("--skip", "training")

    assert [name for name, _, _ in steps] == ["accounts", "catalogue"]
    assert "已跳过：training, subsidies" in output


def test_seed_demo_without_training_still_means_skipping_training(steps) -> None:
    seed_demo("--without-training")

    assert [name for name, _, _ in steps] == ["accounts", "catalogue"]


def test_seed_demo_refuses_an_unknown_step_by_name(steps) -> None:
    with pytest.raises(CommandError, match="没有这个演示步骤：nosuch"):
        seed_demo("--skip", "nosuch")


@pytest.mark.django_db
def test_demo_banner_lists_only_logins_that_exist_in_the_registered_order(monkeypatch, django_user_model) -> None:
    monkeypatch.setattr(modules, "_DEMO", {})
    logins = (DemoLogin("zeta", "乙角色", 1), DemoLogin("alpha", "甲角色", 2), DemoLogin("ghost", "丙角色", 3))
    modules.register_demo_step(DemoStep("people", lambda context: {}, logins=logins))
    for username in ("alpha", "zeta"):
        django_user_model.objects.create_user(username=username)
    out = StringIO()

    call_command("demo_banner", "--url", "http://demo.example/", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].endswith("http://demo.example/")
    assert [line.split()[0] for line in lines[2:]] == ["zeta", "alpha"]
    assert "乙角色" in lines[2] and settings.JINENG_DEMO_PASSWORD in lines[2]
