"""Who reads and who writes the resource library.

Published public documents are open to everyone, visitors without a login included. Published documents of the
"evaluation bodies" level are read by every evaluation body's staff and by the government units that supervise
evaluation (city departments, districts); restricted documents by the bodies named on them. A body's staff also
see the documents their body contributed, in any state. The programme office and the leadership see all; the
programme office reviews, publishes and withdraws, and reads the download report. "Missing" and "not yours" are
the same 404.
"""

import rules
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext

from jineng.accounts.permissions import DEPARTMENT, DISTRICT, LEADER, OFFICE, held_by, user_can
from jineng.core.capabilities import NOTHING, capabilities_declare, on_record, scope_declare
from jineng.evaluation.models import EvaluationBody
from jineng.library.choices import AccessLevel, DocumentState
from jineng.library.models import DocumentDownload, DocumentVersion, LibraryDocument


def user_body(user) -> EvaluationBody | None:
    """The evaluation body a user works for (through their organisation), or None; cached on the user."""
    if not getattr(user, "is_authenticated", False) or not user.organisation_id:
        return None
    if not hasattr(user, "_library_body"):
        user._library_body = EvaluationBody.objects.filter(organisation_id=user.organisation_id).first()
    return user._library_body


@rules.predicate
def _works_for_a_body(user) -> bool:
    return user_body(user) is not None


def _own_document(user, document) -> bool:
    body = user_body(user)
    return body is not None and document.owner_body_id == body.pk


capabilities_declare("library", {
    "see_all": held_by(OFFICE, LEADER),
    # published documents of the "evaluation bodies" level; a body's staff are those of its organisation, whatever
    # its kind (an employer-led body's login is an enterprise's)
    "see_bodies_level": held_by(OFFICE, LEADER, DEPARTMENT, DISTRICT) | _works_for_a_body,
    # upload documents and versions, submit them for review: the office, and a body for its own documents
    "contribute": held_by(OFFICE) | (_works_for_a_body & on_record(_own_document)),
    "review": held_by(OFFICE),
    "see_downloads": held_by(OFFICE, LEADER),
})


def document_scope(user, prefix: str = "") -> Q:
    """The documents a user may read (anonymous visitors: published public ones)."""
    def q(**kwargs) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in kwargs.items()})

    if user_can(user, "library.see_all"):
        return Q()
    published = q(state=DocumentState.PUBLISHED)
    scope = published & q(access=AccessLevel.PUBLIC)
    if user_can(user, "library.see_bodies_level"):
        scope |= published & q(access=AccessLevel.BODIES)
    body = user_body(user)
    if body is not None:
        through = LibraryDocument.shared_with.through.objects.filter(evaluationbody_id=body.pk)
        named = q(pk__in=through.values("librarydocument_id"))
        scope |= (published & q(access=AccessLevel.RESTRICTED) & named) | q(owner_body_id=body.pk)
    return scope


def version_scope(user) -> Q:
    return document_scope(user, prefix="document__")


def download_scope(user) -> Q:
    return Q() if user_can(user, "library.see_downloads") else NOTHING


scope_declare(LibraryDocument, document_scope)
scope_declare(DocumentVersion, version_scope)
scope_declare(DocumentDownload, download_scope)


def can_contribute(user, document: LibraryDocument | None = None) -> bool:
    return user_can(user, "library.contribute", document)


def can_review(user) -> bool:
    return user_can(user, "library.review")


def can_see_downloads(user) -> bool:
    return user_can(user, "library.see_downloads")


def get_document_for_user(user, document_id) -> LibraryDocument:
    rows = LibraryDocument.objects.select_related("occupation", "work_type", "owner_body", "created_by",
                                                  "published_by")
    try:
        return rows.visible_to(user).get(pk=int(document_id))
    except (LibraryDocument.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(gettext("没有该资料，或您无权查看")) from exc


def get_version_for_user(user, version_id) -> DocumentVersion:
    rows = DocumentVersion.objects.select_related("document")
    try:
        return rows.visible_to(user).get(pk=int(version_id))
    except (DocumentVersion.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise Http404(gettext("没有该版本，或您无权查看")) from exc
