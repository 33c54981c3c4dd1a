from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "jineng.integrity"
    label = "integrity"
    verbose_name = "质量诚信与风险核查"
