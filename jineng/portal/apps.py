from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "jineng.portal"
    label = "portal"
    verbose_name = "公共服务平台"

    def ready(self) -> None:
        from jineng.portal import plugin, signals

        plugin.register()
        signals.connect()
