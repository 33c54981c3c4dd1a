from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "jineng.forecasting"
    label = "forecasting"
    verbose_name = "需求预测"

    def ready(self) -> None:
        from jineng.forecasting import plugin

        plugin.register()
