"""Writes of the workers' pages: the worker account a sign-in maps to, a worker's personal claim, and the local
identity provider's accounts and client registration."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.crypto import encrypt_text
from jineng.core.exceptions import RecordNotFound
from jineng.core.identifiers import resident_id_parse
from jineng.core.models import Person
from jineng.subsidies.selectors.claims import person_claimable_enrolments
from jineng.subsidies.services.claims import claim_submit
from jineng.workers.models import ResidentLogin

# Compared against when the login name is unknown, so a wrong name takes as long as a wrong password.
_NOBODY = make_password("no-such-resident-login")


def worker_account_for(*, person: Person, username: str = "") -> object:
    """The platform account of this person, created at their first sign-in (no password: the identity service
    signs them in). Its name carries no part of the resident ID (the demo names its residents' accounts)."""
    User = get_user_model()
    account = User.objects.filter(person=person).first()
    if account is not None:
        return account
    account = User(username=username or f"w-{person.resident_id_digest[:16]}", display_name=person.name,
                   person=person)
    account.set_unusable_password()
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError:  # the same person signing in twice at once
        return User.objects.get(person=person)
    return account


def worker_claim_file(*, worker, enrolment_id: int, scheme, applicant_category: str):
    """File the worker's personal claim from one of their own certified training records, through the subsidy
    service every other claim goes through (the same checks, then the district's review queue)."""
    enrolment = person_claimable_enrolments(person_id=worker.person_id).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise RecordNotFound(_("没有这条可申请补贴的培训记录"))
    return claim_submit(by=worker, scheme=scheme, enrolment=enrolment, applicant_category=applicant_category)


# ---------------------------------------------------------------- the local identity provider


def resident_login_check(*, username: str, password: str) -> ResidentLogin | None:
    resident = ResidentLogin.objects.filter(username=username).first()
    if not check_password(password, resident.password if resident else _NOBODY) or resident is None:
        return None
    subject = resident.subject
    subject.last_login = timezone.now()  # the ID token's auth_time
    subject.save(update_fields=["last_login"])
    return resident


def resident_login_set(*, username: str, password: str, name: str, resident_id: str) -> ResidentLogin:
    """Create or update an account of the local provider (idempotent): the demo's residents, the tests'."""
    number = resident_id_parse(resident_id).number
    User = get_user_model()
    with transaction.atomic():
        resident = ResidentLogin.objects.select_related("subject").filter(username=username).first()
        if resident is None:
            subject = User(username=f"idp-{username}", display_name=name, is_active=False)
            subject.set_unusable_password()
            subject.save()
            resident = ResidentLogin(username=username, subject=subject)
        resident.password = make_password(password)
        resident.name = name
        resident.resident_id_encrypted = encrypt_text(number)
        resident.save()
    return resident


def local_client_ensure(*, redirect_uri: str):
    """The relying party's registration on the local provider, with this callback address among its redirect
    addresses (the host differs between the dev server, the tests and a browser journey's live server)."""
    from django.conf import settings
    from oauth2_provider.models import get_application_model

    Application = get_application_model()
    with transaction.atomic():
        client = Application.objects.select_for_update().filter(client_id=settings.OIDC_RP_CLIENT_ID).first()
        if client is None:
            client = Application.objects.create(
                client_id=settings.OIDC_RP_CLIENT_ID, client_secret=settings.OIDC_RP_CLIENT_SECRET,
                name="Jineng 技能（劳动者本人）", client_type=Application.CLIENT_CONFIDENTIAL,
                authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE, algorithm=Application.RS256_ALGORITHM,
                skip_authorization=True, redirect_uris=redirect_uri)
            return client
        changed = []
        if redirect_uri not in client.redirect_uris.split():
            client.redirect_uris = " ".join([*client.redirect_uris.split(), redirect_uri])
            changed.append("redirect_uris")
        if not check_password(settings.OIDC_RP_CLIENT_SECRET, client.client_secret):  # the secret key changed
            client.client_secret = settings.OIDC_RP_CLIENT_SECRET
            changed.append("client_secret")
        if changed:
            client.save(update_fields=changed)
    return client
