"""What accounts plugs into the platform: the demo's people (every other demo step builds on them)."""

from jineng.core.modules import DemoStep, register_demo_step


def register() -> None:
    from jineng.accounts import demo

    register_demo_step(DemoStep(name="accounts", run=demo.accounts_demo_seed, order=10, logins=demo.LOGINS,
                                description="演示机构和各角色账号"))
