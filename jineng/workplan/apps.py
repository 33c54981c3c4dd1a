from django.apps import AppConfig


class WorkplanConfig(AppConfig):
    name = "jineng.workplan"
    label = "workplan"
    verbose_name = "工作要点督办"

    def ready(self) -> None:
        from jineng.workplan import plugin

        plugin.register()
