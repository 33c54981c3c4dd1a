from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "jineng.evaluation"
    label = "evaluation"
    verbose_name = "技能评价"

    def ready(self) -> None:
        from jineng.evaluation import metrics, plugin

        metrics.register()
        plugin.register()
