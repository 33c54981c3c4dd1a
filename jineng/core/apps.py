from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jineng.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        from jineng.core import capabilities, checks, plugin  # noqa: F401  (checks registers the deploy checks)

        capabilities.autodiscover()
        plugin.register()
