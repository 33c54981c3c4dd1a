from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "jineng.training"
    label = "training"
    verbose_name = "职业培训"

    def ready(self) -> None:
        from jineng.training import metrics, plugin

        metrics.register()
        plugin.register()
