"""What the local provider vouches for: the resident's name and resident ID, in the ID token and userinfo.

Both travel only over the back channel (the token endpoint's answer and the userinfo call, server to server),
never through the browser. The relying party reads the number, looks the person up by its digest and keeps
nothing else of it.
"""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator

from jineng.core.crypto import decrypt_text
from jineng.workers.models import ResidentLogin


class ResidentClaimsValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, settings.JINENG_OIDC_RESIDENT_ID_CLAIM: "profile"}

    def get_additional_claims(self, request):
        login = ResidentLogin.objects.filter(subject_id=getattr(request.user, "pk", None)).first()
        if login is None:
            return {}
        return {"name": login.name, settings.JINENG_OIDC_RESIDENT_ID_CLAIM: decrypt_text(login.resident_id_encrypted)}
