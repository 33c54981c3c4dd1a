from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "jineng.forecasting"
    label = "forecasting"
    verbose_name = "需求预测"
