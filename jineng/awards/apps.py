from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "jineng.awards"
    label = "awards"
    verbose_name = "申报评审"

    def ready(self) -> None:
        from jineng.awards import metrics, plugin

        metrics.register()
        plugin.register()
