from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "jineng.wages"
    label = "wages"
    verbose_name = "工资价位"

    def ready(self) -> None:
        from jineng.wages import metrics, plugin

        metrics.register()
        plugin.register()
