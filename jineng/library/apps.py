from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "jineng.library"
    label = "library"
    verbose_name = "技术资源库"

    def ready(self) -> None:
        from jineng.library import plugin

        plugin.register()
