"""System checks for settings that only matter in production."""

from django.core.checks import Warning, register

from jineng.core.crypto import keys_are_derived


@register(deploy=True)
def personal_data_keys_check(app_configs, **kwargs):
    if keys_are_derived():
        return [
            Warning(
                "个人信息加密密钥由 SECRET_KEY 派生；生产环境须设置 JINENG_PERSONAL_DATA_KEY 和 JINENG_LOOKUP_KEY。",
                id="jineng.W001",
            )
        ]
    return []
