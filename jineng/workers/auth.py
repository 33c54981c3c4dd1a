"""The relying party: a worker signs in through the city's identity service with OpenID Connect.

mozilla-django-oidc runs the authorization code flow (state, nonce, PKCE). This backend adds what it leaves to
its users: the ID token's issuer, audience and expiry are checked; the resident ID claim (back channel only) is
turned into its keyed digest at once and the person found by it (``core.people``); the person's worker account
is found or created. The number itself is kept nowhere and logged nowhere: failures are logged by kind only.
"""

import logging
import time

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from jineng.core.exceptions import DomainError
from jineng.core.people import person_find

logger = logging.getLogger(__name__)

REFUSAL_KEY = "workers_sign_in_refused"  # why the last sign-in failed, for the sign-in page
UNKNOWN_PERSON = "unknown_person"
NO_IDENTITY = "no_identity"
INACTIVE = "inactive"
UNREACHABLE = "unreachable"


def _absolute(request, url: str) -> str:
    """The local provider's endpoints are paths on this site; a real provider's are absolute already."""
    return request.build_absolute_uri(url) if url.startswith("/") else url


def local_issuer(request) -> str:
    """The local provider's issuer as django-oauth-toolkit states it for this host."""
    return request.build_absolute_uri("/idp")


class WorkerSignInStart(OIDCAuthenticationRequestView):
    """The start of the flow; with the local provider, this site's callback is registered with it first."""

    def get(self, request):
        if settings.JINENG_OIDC_LOCAL_PROVIDER:
            from django.urls import reverse

            from jineng.workers.services import local_client_ensure

            local_client_ensure(redirect_uri=request.build_absolute_uri(reverse("oidc_authentication_callback")))
            self.OIDC_OP_AUTH_ENDPOINT = _absolute(request, self.OIDC_OP_AUTH_ENDPOINT)
        return super().get(request)


class WorkerOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET:
            return None  # a password login: not ours
        for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):
            setattr(self, name, _absolute(request, getattr(self, name) or ""))
        self.issuer = settings.JINENG_OIDC_ISSUER or local_issuer(request)
        try:
            return super().authenticate(request, **kwargs)
        except SuspiciousOperation as exc:  # a token that does not hold up: no sign-in, no error page
            logger.warning("worker sign-in refused: %s", exc)
            return None
        except (requests.RequestException, ValueError) as exc:  # the provider is down or answers nonsense
            logger.warning("worker sign-in failed: identity service unreachable (%s)", type(exc).__name__)
            self._refuse(UNREACHABLE)
            return None

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)  # signature (the provider's key set) and nonce
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if payload.get("iss") != self.issuer:
            raise SuspiciousOperation("ID token from another issuer")
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client")
        if not isinstance(payload.get("exp"), int) or payload["exp"] < time.time():
            raise SuspiciousOperation("ID token expired")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint when the provider has one."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo for another subject")
            claims.update(info)
        return claims

    def verify_claims(self, claims):
        if not claims.get(settings.JINENG_OIDC_RESIDENT_ID_CLAIM):
            self._refuse(NO_IDENTITY)
            return False
        return True

    def describe_user_by_claims(self, claims):
        return "a resident"  # never the number

    def _person(self, claims):
        number = str(claims.get(settings.JINENG_OIDC_RESIDENT_ID_CLAIM, ""))
        try:
            return person_find(number)
        except DomainError:  # not a valid resident ID
            return None

    def filter_users_by_claims(self, claims):
        person = self._person(claims)
        if person is None:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(person=person)

    def update_user(self, user, claims):
        if not user.is_active:  # the office closed this account
            self._refuse(INACTIVE)
            raise SuspiciousOperation("worker account closed")
        return user

    def create_user(self, claims):
        from jineng.workers.services import worker_account_for

        person = self._person(claims)
        if person is None:
            self._refuse(UNKNOWN_PERSON)
            raise SuspiciousOperation("no person with this resident ID on the platform")
        return worker_account_for(person=person)

    def _refuse(self, reason: str) -> None:
        logger.info("worker sign-in refused: %s", reason)
        self.request.session[REFUSAL_KEY] = reason
