"""`check --deploy`: the local identity provider is a stand-in and must not run in production."""

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def local_identity_provider_check(app_configs, **kwargs):
    if settings.JINENG_OIDC_LOCAL_PROVIDER:
        return [Warning(
            "本地身份认证服务（一网通办的替身）已开启：任何人都可能以其账号登录为劳动者。",
            hint="生产环境设置 JINENG_OIDC_LOCAL_PROVIDER=false，并配置 JINENG_OIDC_* 指向一网通办（docs/workers.md）。",
            id="jineng.W101")]
    return []
