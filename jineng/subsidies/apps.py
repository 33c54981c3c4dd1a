from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "jineng.subsidies"
    label = "subsidies"
    verbose_name = "补贴"

    def ready(self) -> None:
        from jineng.subsidies import metrics, plugin

        metrics.register()
        plugin.register()
