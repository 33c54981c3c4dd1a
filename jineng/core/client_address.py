"""The client's address, the one key that login lockouts (django-axes) and API throttles (DRF) share.

`X-Forwarded-For` is whatever the client wrote, plus one address appended by each proxy it passed. Only the
entries appended by our own proxies can be trusted, so behind `DJANGO_TRUSTED_PROXIES` proxies the client is
the entry that many places from the right; without a proxy (`DJANGO_BEHIND_PROXY` unset) the header is ignored
and the socket's address (`REMOTE_ADDR`) is the client. DRF's `NUM_PROXIES` applies the same rule to
throttles (settings set both from the same variables).
"""

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.JINENG_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]
