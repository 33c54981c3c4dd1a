"""Writes of the resource library: documents and their versions (files checked before anything is stored), the
publication workflow, and the download log. Each write is atomic and audited."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jineng.core.audit import save_audited
from jineng.core.engine.files import FileLimits, size_check, zip_check
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.evaluation.models import EvaluationBody
from jineng.library.choices import ALLOWED_SUFFIXES, ZIP_SUFFIXES, AccessLevel, DocumentState
from jineng.library.models import DocumentDownload, DocumentVersion, LibraryDocument
from jineng.library.permissions import can_contribute, can_review, user_body
from jineng.library.workflows import DOCUMENT_WORKFLOW


def _file_read(upload) -> tuple[str, bytes]:
    """The file's safe name and content, or a refusal saying why (type, size, a damaged or inflating archive)."""
    name = PurePath(str(getattr(upload, "name", "") or "")).name[:200]
    suffix = PurePath(name).suffix.lower()
    if not name or suffix not in ALLOWED_SUFFIXES:
        raise DomainError(_("文件“%(name)s”的类型不支持，请上传 PDF、OFD、Word、Excel、PowerPoint、TXT 或 CSV 文件")
                          % {"name": name})
    limits = FileLimits(max_bytes=settings.JINENG_MAX_UPLOAD_BYTES,
                        max_unzipped_bytes=settings.JINENG_MAX_UNZIPPED_BYTES, max_ratio=settings.JINENG_MAX_ZIP_RATIO)
    size_check(int(upload.size or 0), limits)
    content = upload.read()
    size_check(len(content), limits)
    if not content:
        raise DomainError(_("文件“%(name)s”是空文件") % {"name": name})
    if suffix in ZIP_SUFFIXES:
        zip_check(content, limits, kind=suffix.removeprefix(".").upper())
    return name, content


def _version_store(document: LibraryDocument, *, upload, note: str, by) -> DocumentVersion:
    name, content = _file_read(upload)
    number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = DocumentVersion(document=document, number=number, original_name=name, size=len(content),
                              sha256=hashlib.sha256(content).hexdigest(), note=note.strip()[:300], uploaded_by=by)
    version.file.save(name, ContentFile(content), save=False)
    save_audited(version, by=by, reason=f"上传第 {number} 版：{name}"[:100])
    return version


def _bodies_check(access: str, shared_with: list[EvaluationBody], owner: EvaluationBody | None) -> list:
    bodies = list(dict.fromkeys([*shared_with, *([owner] if owner else [])]))
    if access == AccessLevel.RESTRICTED and not bodies:
        raise DomainError(_("限定机构访问的资料须至少指定一家评价机构"))
    return bodies


def document_create(*, by, title: str, kind: str, access: str, upload, occupation=None, work_type=None,
                    special_item: str = "", level: int | None = None, description: str = "",
                    shared_with: list[EvaluationBody] | None = None, note: str = "") -> LibraryDocument:
    """A new draft with its first version. A body's staff contribute for their body (it shares the document)."""
    if not can_contribute(by):
        raise NotAllowed(_("只有专班办公室和评价机构可以上传资料"))
    if not title.strip():
        raise DomainError(_("标题不能为空"))
    if work_type is not None and work_type.occupation_id != getattr(occupation, "pk", None):
        raise DomainError(_("工种须属于所选职业"))
    owner = None if can_review(by) else user_body(by)
    bodies = _bodies_check(access, list(shared_with or []), owner)
    with transaction.atomic():
        document = LibraryDocument(title=title.strip()[:160], kind=kind, access=access, occupation=occupation,
                                   work_type=work_type, special_item=special_item.strip()[:80], level=level,
                                   description=description.strip(), owner_body=owner, created_by=by)
        save_audited(document, by=by, reason="新建资料")
        document.shared_with.set(bodies)
        _version_store(document, upload=upload, note=note, by=by)
    return document


def document_sharing_set(*, document: LibraryDocument, by, access: str,
                         shared_with: list[EvaluationBody]) -> LibraryDocument:
    """Change who may read a draft: its access level and the bodies that share it."""
    if not can_contribute(by, document):
        raise NotAllowed(_("只有资料的提供机构或专班办公室可以提交或修改资料"))
    if document.state != DocumentState.DRAFT:
        raise InvalidState(_("只有草稿可以修改访问范围"))
    owner = document.owner_body
    bodies = _bodies_check(access, list(shared_with), owner)
    with transaction.atomic():
        document.access = access
        save_audited(document, by=by, reason="修改访问范围", update_fields=["access"])
        document.shared_with.set(bodies)
    return document


def version_add(*, document: LibraryDocument, by, upload, note: str = "") -> DocumentVersion:
    """A new version of a draft (a published document is withdrawn and revised first, so readers never see an
    unreviewed file)."""
    if not can_contribute(by, document):
        raise NotAllowed(_("只有资料的提供机构或专班办公室可以提交或修改资料"))
    with transaction.atomic():
        locked = LibraryDocument.objects.select_for_update().get(pk=document.pk)
        if locked.state != DocumentState.DRAFT:
            raise InvalidState(_("资料当前状态为“%(state)s”，只有草稿可以上传新版本")
                               % {"state": locked.get_state_display()})
        return _version_store(locked, upload=upload, note=note, by=by)


def document_submit(*, document: LibraryDocument, by) -> LibraryDocument:
    return DOCUMENT_WORKFLOW.take(document, "submit", by=by)


def document_publish(*, document: LibraryDocument, by, comment: str = "") -> LibraryDocument:
    return DOCUMENT_WORKFLOW.take(document, "publish", by=by, comment=comment)


def document_return(*, document: LibraryDocument, by, comment: str) -> LibraryDocument:
    return DOCUMENT_WORKFLOW.take(document, "return", by=by, comment=comment)


def document_withdraw(*, document: LibraryDocument, by, comment: str) -> LibraryDocument:
    return DOCUMENT_WORKFLOW.take(document, "withdraw", by=by, comment=comment)


def document_revise(*, document: LibraryDocument, by) -> LibraryDocument:
    return DOCUMENT_WORKFLOW.take(document, "revise", by=by)


TRANSITIONS = {
    "submit": lambda document, by, comment: document_submit(document=document, by=by),
    "publish": lambda document, by, comment: document_publish(document=document, by=by, comment=comment),
    "return": lambda document, by, comment: document_return(document=document, by=by, comment=comment),
    "withdraw": lambda document, by, comment: document_withdraw(document=document, by=by, comment=comment),
    "revise": lambda document, by, comment: document_revise(document=document, by=by),
}


def document_transition(*, document: LibraryDocument, action: str, by, comment: str = "") -> LibraryDocument:
    """One workflow step by name; the right to take it is checked before the comment or the state (403 first)."""
    if not DOCUMENT_WORKFLOW.may(by, document, action):
        raise NotAllowed(DOCUMENT_WORKFLOW[action].refused)
    return TRANSITIONS[action](document, by, comment)


def download_record(*, version: DocumentVersion, user) -> DocumentDownload:
    """Log a download of a version the caller has already found visible to ``user``."""
    signed_in = getattr(user, "is_authenticated", False)
    return DocumentDownload.objects.create(
        version=version, document_id=version.document_id, user=user if signed_in else None,
        organisation_id=user.organisation_id if signed_in else None, downloaded_at=timezone.now())
