"""The local identity provider's accounts (the stand-in for 一网通办 in development, the demo and the tests).

A real identity service keeps its own accounts; this one keeps them here, apart from the platform's: a resident
signs in to the provider with a username and password of its own, and the provider vouches for the resident ID
it holds, encrypted. ``subject`` is the account django-oauth-toolkit issues grants and tokens to: inactive, with
no password, it can never open the platform itself. The platform's worker account is another one, found by the
relying party from the resident ID in the ID token (``jineng.workers.auth``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResidentLogin(models.Model):
    username = models.CharField(_("登录名"), max_length=40, unique=True)
    password = models.CharField(_("密码"), max_length=200)
    name = models.CharField(_("姓名"), max_length=50)
    resident_id_encrypted = models.TextField(_("身份证号（加密）"), editable=False)
    subject = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("令牌主体"), on_delete=models.CASCADE,
                                   related_name="resident_login")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("身份服务账号（本地替身）")
        verbose_name_plural = _("身份服务账号（本地替身）")

    def __str__(self) -> str:
        return self.username
