from django.apps import AppConfig


class WorkersConfig(AppConfig):
    name = "jineng.workers"
    label = "workers"
    verbose_name = "劳动者本人"

    def ready(self) -> None:
        from jineng.workers import checks, plugin  # noqa: F401 - checks registers itself

        plugin.register()
