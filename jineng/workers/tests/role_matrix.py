"""The workers' part of the role matrix (see tests/role_matrix_apps.py): a worker's own pages, the relying
party's OpenID Connect doors and the local identity provider's, × every role of the matrix.

Roles: office leader department district enterprise institution evaluator anonymous. None of them is a worker:
the worker pages answer 403 to all (a worker's own view, and another worker's records as 404, are in
``test_pages.py``). The provider's and the relying party's doors are public by nature.
"""

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "workers:home": "403 403 403 403 403 403 403 login",
    "workers:sign_in": "ok ok ok ok ok ok ok ok",
    "workers:claim_new": "403 403 403 403 403 403 403 login",
    "workers:claim": "403 403 403 403 403 403 403 login",
    "workers:credential": "403 403 403 403 403 403 403 login",
    "oidc_authentication_init": "ok ok ok ok ok ok ok ok",
    "oidc_authentication_callback": "ok ok ok ok ok ok ok ok",
    "oidc_logout": "login login login login login login login login",
    "oauth2_provider:login": "ok ok ok ok ok ok ok ok",
    "oauth2_provider:authorize": "login login login login login login login login",
    "oauth2_provider:token": "ok ok ok ok ok ok ok ok",
    "oauth2_provider:oidc-connect-discovery-info": "ok ok ok ok ok ok ok ok",
    "oauth2_provider:jwks-info": "ok ok ok ok ok ok ok ok",
    "oauth2_provider:user-info": "login login login login login login login login",
}


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


PARAMETERS = {
    ("workers", "enrolment_id"): _public(1),
    ("workers", "claim_id"): _public(1),
    ("workers", "certificate_id"): _public(1),
}
