from django.apps import AppConfig


class DemandConfig(AppConfig):
    name = "jineng.demand"
    label = "demand"
    verbose_name = "急需紧缺职业需求填报"

    def ready(self) -> None:
        from jineng.demand import metrics, plugin

        metrics.register()
        plugin.register()
