from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jineng.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from jineng.core import (
            checks,  # noqa: F401  (registers the deploy checks)
            plugin,
        )

        plugin.register()
