"""Who may see and change catalogues: everyone reads what was published; drafts are for the office and leaders."""
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from jineng.accounts.permissions import LEADER, OFFICE, held_by, user_can
from jineng.core.capabilities import capabilities_declare, scope_declare
from jineng.occupations.choices import PUBLIC_STATES
from jineng.occupations.models import CatalogueEntry, CatalogueVersion

capabilities_declare("occupations", {
    "manage_catalogues": held_by(OFFICE),  # draft, review and publish catalogues
    "manage_work_types": held_by(OFFICE),
    # The programme office drafts catalogues; leadership (who see the whole city) follow them before publication.
    "see_unpublished_catalogues": held_by(OFFICE, LEADER),
})


def can_manage_catalogues(user) -> bool:
    return user_can(user, "occupations.manage_catalogues")


def can_manage_work_types(user) -> bool:
    return user_can(user, "occupations.manage_work_types")


def can_see_unpublished_catalogues(user) -> bool:
    return user_can(user, "occupations.see_unpublished_catalogues")


def version_scope(user) -> Q:
    """Published (and superseded) versions are public, anonymous visitors included."""
    return Q() if can_see_unpublished_catalogues(user) else Q(state__in=PUBLIC_STATES)


def entry_scope(user) -> Q:
    return Q() if can_see_unpublished_catalogues(user) else Q(version__state__in=PUBLIC_STATES)


scope_declare(CatalogueVersion, version_scope)
scope_declare(CatalogueEntry, entry_scope)


def get_catalogue_version_for_user(user, version_id) -> CatalogueVersion:
    """The version, or 404 — a draft someone may not see looks the same as one that does not exist."""
    versions = CatalogueVersion.objects.select_related("published_by", "created_by", "copied_from")
    try:
        return versions.visible_to(user).get(pk=int(version_id))
    except (CatalogueVersion.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(_("目录版本不存在")) from exc


def get_catalogue_entry_for_user(user, entry_id) -> CatalogueEntry:
    entries = CatalogueEntry.objects.select_related("version", "occupation", "work_type", "industry")
    try:
        return entries.visible_to(user).get(pk=int(entry_id))
    except (CatalogueEntry.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(_("目录条目不存在")) from exc
