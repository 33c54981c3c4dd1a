"""Who may see and change catalogues: everyone reads what was published; drafts are for the office and leaders."""
from django.http import Http404
from django.utils.translation import gettext as _

from jineng.accounts import permissions
from jineng.occupations.choices import PUBLIC_STATES
from jineng.occupations.models import CatalogueEntry, CatalogueVersion


def can_manage_catalogues(user) -> bool:
    return permissions.user_can(user, permissions.MANAGE_PLAN)


def can_see_unpublished_catalogues(user) -> bool:
    """The programme office drafts catalogues; leadership (who see the whole city) follow them before publication."""
    return permissions.user_can(user, permissions.SEE_WHOLE_CITY)


def get_catalogue_version_for_user(user, version_id) -> CatalogueVersion:
    """The version, or 404 — a draft someone may not see looks the same as one that does not exist."""
    versions = CatalogueVersion.objects.select_related("published_by", "created_by", "copied_from")
    if not can_see_unpublished_catalogues(user):
        versions = versions.filter(state__in=PUBLIC_STATES)
    try:
        return versions.get(pk=int(version_id))
    except (CatalogueVersion.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(_("目录版本不存在")) from exc


def get_catalogue_entry_for_user(user, entry_id) -> CatalogueEntry:
    entries = CatalogueEntry.objects.select_related("version", "occupation", "work_type", "industry")
    if not can_see_unpublished_catalogues(user):
        entries = entries.filter(version__state__in=PUBLIC_STATES)
    try:
        return entries.get(pk=int(entry_id))
    except (CatalogueEntry.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404(_("目录条目不存在")) from exc
