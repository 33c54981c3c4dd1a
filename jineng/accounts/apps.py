from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jineng.accounts"
    label = "accounts"
    verbose_name = "用户与机构"

    def ready(self) -> None:
        from jineng.accounts import plugin

        plugin.register()
