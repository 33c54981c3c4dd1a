from django.apps import AppConfig


class CompetitionsConfig(AppConfig):
    name = "jineng.competitions"
    label = "competitions"
    verbose_name = "职业技能竞赛"
