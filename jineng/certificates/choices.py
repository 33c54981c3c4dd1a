from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("有效")
    SUSPENDED = "suspended", _("已暂停")
    REVOKED = "revoked", _("已撤销")


class CertificateSource(models.TextChoices):
    RESULT = "result", _("成绩核准发证")
    IMPORT = "import", _("批量导入")
    COMPETITION = "competition", _("竞赛晋级")


#: entries of one published status list (W3C Bitstring Status List: at least 131,072 so a check hides which)
STATUS_LIST_SIZE = 131_072
