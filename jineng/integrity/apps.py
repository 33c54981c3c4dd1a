from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "jineng.integrity"
    label = "integrity"
    verbose_name = "质量诚信与风险核查"

    def ready(self) -> None:
        from jineng.integrity import metrics, plugin

        metrics.register()
        plugin.register()
