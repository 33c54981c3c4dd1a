from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "jineng.occupations"
    label = "occupations"
    verbose_name = "职业与行业"

    def ready(self) -> None:
        from jineng.occupations import plugin
        from jineng.occupations.metrics import register_catalogue_metrics

        register_catalogue_metrics()
        plugin.register()
