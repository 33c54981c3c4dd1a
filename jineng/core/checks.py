"""System checks for settings that only matter in production: `manage.py check --deploy` fails on them."""

from django.conf import settings
from django.core.checks import Error, register

from jineng.core.crypto import keys_are_derived


@register(deploy=True)
def secret_key_check(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "正在使用随代码公开的开发密钥；生产环境须设置 DJANGO_SECRET_KEY。",
                hint="python -c 'import secrets; print(secrets.token_urlsafe(50))'",
                id="jineng.E001",
            )
        ]
    return []


@register(deploy=True)
def personal_data_keys_check(app_configs, **kwargs):
    if keys_are_derived():
        return [
            Error(
                "个人信息加密密钥由 SECRET_KEY 派生；生产环境须设置 JINENG_PERSONAL_DATA_KEY 和 JINENG_LOOKUP_KEY。",
                hint="python -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())'",
                id="jineng.E002",
            )
        ]
    return []
