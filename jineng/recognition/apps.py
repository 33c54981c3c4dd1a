from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "jineng.recognition"
    label = "recognition"
    verbose_name = "特级技师、首席技师与境外证书认可"

    def ready(self) -> None:
        from jineng.recognition import plugin

        plugin.register()
