"""The certificate register's part of the role matrix (see tests/role_matrix_apps.py).

The office and leadership see the whole register, 浦东 its district's bodies (A is a 浦东 body), the evaluation
body its own (A); the office and the body change statuses and import. Verification, signed links, the key set
and the status lists are public.
"""

EXPECT: dict[str, str] = {
    #                                    office leader dept  district enterprise institution evaluator anonymous
    "api-certificate-keys": "ok ok ok ok ok ok ok ok",
    "api-certificate-verify": "ok ok ok ok ok ok ok ok",
    "certificate-detail": "ok ok 403 ok 403 403 ok login",
    "certificate-list": "ok ok 403 ok 403 403 ok login",
    "certificate-reinstate": "ok 403 403 403 403 403 ok login",
    "certificate-revoke": "ok 403 403 403 403 403 ok login",
    "certificate-suspend": "ok 403 403 403 403 403 ok login",
    "certificate-upload": "ok 403 403 403 403 403 ok login",
    "certificates:credential": "ok ok 403 ok 403 403 ok login",
    "certificates:detail": "ok ok 403 ok 403 403 ok login",
    "certificates:import": "ok 403 403 403 403 403 ok login",
    "certificates:jwks": "ok ok ok ok ok ok ok ok",
    "certificates:link": "ok ok ok ok ok ok ok ok",
    "certificates:link_status": "ok ok ok ok ok ok ok ok",
    "certificates:register": "ok ok 403 ok 403 403 ok login",
    "certificates:status_change": "ok 403 403 403 403 403 ok login",
    "certificates:status_list": "ok ok ok ok ok ok ok ok",
    "certificates:template": "ok 403 403 403 403 403 ok login",
    "certificates:verify": "ok ok ok ok ok ok ok ok",
}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


def _public(value):
    return lambda w: (value(w) if callable(value) else value, None)


def _payload(world):
    from jineng.certificates.services.links import link_payload

    return link_payload(world["certificate_a"])


PARAMETERS = {
    ("certificates", "pk"): _pair("certificate"),
    ("certificates", "action"): _public("suspend"),
    ("certificates", "purpose"): _public("revocation"),
    ("certificates", "number"): _public(0),
    ("certificates", "payload"): _public(_payload),
    ("certificate", "pk"): _pair("certificate"),
}


def world_add(world: dict) -> None:
    from jineng.accounts.models import Organisation
    from jineng.certificates.tests import factories

    evaluator = world["users"]["evaluator"].organisation
    evaluator.district = Organisation.objects.get(name="浦东新区人民政府").district
    evaluator.save(update_fields=["district"])
    own = factories.body(district="310115", with_login=False, name=evaluator.name)
    own.organisation = evaluator
    own.save(update_fields=["organisation"])
    other = factories.body(district="310101")
    world["body_a"], world["body_b"] = own, other
    world["certificate_a"] = factories.certificate(b=own)
    world["certificate_b"] = factories.certificate(b=other)
