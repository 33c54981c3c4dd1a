from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    name = "jineng.competitions"
    label = "competitions"
    verbose_name = "职业技能竞赛"

    def ready(self) -> None:
        from jineng.competitions import metrics, permissions, plugin  # noqa: F401  (permissions declare on import)

        metrics.register()
        plugin.register()
