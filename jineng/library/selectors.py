"""Reads of the resource library, scoped by ``permissions``; every query orders explicitly."""

from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from jineng.library.models import DocumentDownload, DocumentVersion, LibraryDocument


def document_list(*, viewer, q: str = "", kind: str = "", access: str = "", state: str = "",
                  occupation: str = "", body_id: int | None = None) -> QuerySet[LibraryDocument]:
    """The documents ``viewer`` may read, searched by title, occupation (code or name) or special item."""
    rows = LibraryDocument.objects.visible_to(viewer).select_related("occupation", "work_type", "owner_body")
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(occupation__name__icontains=q)
                           | Q(occupation__code__startswith=q) | Q(special_item__icontains=q)
                           | Q(work_type__name__icontains=q))
    if occupation:
        rows = rows.filter(Q(occupation__code=occupation) | Q(occupation__name=occupation))
    if kind:
        rows = rows.filter(kind=kind)
    if access:
        rows = rows.filter(access=access)
    if state:
        rows = rows.filter(state=state)
    if body_id is not None:
        rows = rows.filter(Q(owner_body_id=body_id) | Q(shared_with__id=body_id)).distinct()
    return rows.annotate(version_count=Count("versions", distinct=True)).order_by("-published_at", "-pk")


def document_versions(document: LibraryDocument) -> QuerySet[DocumentVersion]:
    return (document.versions.select_related("uploaded_by")
            .annotate(download_count=Count("downloads")).order_by("-number"))


def document_latest_version(document: LibraryDocument) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def review_queue(*, viewer) -> QuerySet[LibraryDocument]:
    return (LibraryDocument.objects.visible_to(viewer).filter(state="submitted")
            .select_related("owner_body", "occupation").order_by("submitted_at", "pk"))


def download_counts(*, viewer, start: date | None = None, end: date | None = None) -> QuerySet:
    """Downloads per document in the period (all time when open), most downloaded first."""
    rows = DocumentDownload.objects.visible_to(viewer)
    if start:
        rows = rows.filter(downloaded_at__date__gte=start)
    if end:
        rows = rows.filter(downloaded_at__date__lte=end)
    return (rows.values("document_id", "document__title", "document__kind", "document__access")
            .annotate(downloads=Count("pk"), signed_in=Count("user_id"), organisations=Count("organisation_id",
                                                                                             distinct=True),
                      last_at=Max("downloaded_at"))
            .order_by("-downloads", "document_id"))


def download_log(*, viewer, document: LibraryDocument, limit: int = 100) -> QuerySet[DocumentDownload]:
    return (DocumentDownload.objects.visible_to(viewer).filter(document=document)
            .select_related("version", "user", "organisation").order_by("-downloaded_at", "-pk")[:limit])
