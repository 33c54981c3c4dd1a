from django.apps import AppConfig


class ServicePointsConfig(AppConfig):
    name = "jineng.servicepoints"
    label = "servicepoints"
    verbose_name = "服务网点"

    def ready(self) -> None:
        from jineng.servicepoints import plugin

        plugin.register()
