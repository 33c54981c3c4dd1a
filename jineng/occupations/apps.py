from django.apps import AppConfig


class OccupationsConfig(AppConfig):
    name = "jineng.occupations"
    label = "occupations"
    verbose_name = "职业与行业"
