from django.db import models
from django.utils.translation import gettext_lazy as _

from jineng.occupations.choices import SkillLevel

#: an enterprise appoints these two ranks itself (特级技师, 首席技师), apart from the city's funded titles
APPOINTED_LEVELS = (SkillLevel.SPECIAL, SkillLevel.CHIEF)
#: an overseas certificate maps onto one of the five certificate levels
CERTIFICATE_LEVELS = (SkillLevel.L5, SkillLevel.L4, SkillLevel.L3, SkillLevel.L2, SkillLevel.L1)


class RecognitionState(models.TextChoices):
    SUBMITTED = "submitted", _("待认定")
    RECOGNISED = "recognised", _("予以认可")
    REFUSED = "refused", _("不予认可")


STATE_CSS = {
    RecognitionState.SUBMITTED: "state-submitted",
    RecognitionState.RECOGNISED: "state-accepted",
    RecognitionState.REFUSED: "state-returned",
}
