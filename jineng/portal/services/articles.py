"""Writes of articles: create and edit drafts (body sanitised, image checked before it is stored), the publication
workflow. Each write is atomic and audited."""

import hashlib
from pathlib import PurePath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from jineng.core.audit import save_audited
from jineng.core.engine.files import FileLimits, size_check
from jineng.core.exceptions import DomainError, InvalidState, NotAllowed
from jineng.portal.choices import ArticleKind, ArticleState
from jineng.portal.engine.images import MAX_IMAGE_BYTES, image_kind
from jineng.portal.engine.richtext import body_clean, text_plain
from jineng.portal.models import Article
from jineng.portal.permissions import can_write
from jineng.portal.workflows import ARTICLE_WORKFLOW


def _image_read(upload) -> tuple[str, bytes]:
    """A PNG, JPEG, GIF or WebP of at most 2 MB (and the upload limit), named by its content's hash."""
    limits = FileLimits(max_bytes=min(MAX_IMAGE_BYTES, settings.JINENG_MAX_UPLOAD_BYTES))
    size_check(int(upload.size or 0), limits)
    content = upload.read()
    size_check(len(content), limits)
    kind = image_kind(content)
    if kind is None:
        name = PurePath(str(getattr(upload, "name", "") or "")).name[:100]
        raise DomainError(_("“%(name)s”不是 PNG、JPEG、GIF 或 WebP 图片") % {"name": name})
    return hashlib.sha256(content).hexdigest()[:32] + kind.suffix, content


def _fields_check(*, kind: str, title: str, summary: str, body: str) -> tuple[str, str, str]:
    if kind not in ArticleKind.values:
        raise DomainError(_("请选择文章类别"))
    title, summary, cleaned = title.strip(), summary.strip(), body_clean(body or "")
    if not title:
        raise DomainError(_("标题不能为空"))
    if not summary:
        raise DomainError(_("摘要不能为空"))
    if not text_plain(cleaned):
        raise DomainError(_("正文不能为空"))
    return title[:120], summary[:300], cleaned


def article_create(*, by, kind: str, title: str, summary: str, body: str, image=None,
                   image_alt: str = "") -> Article:
    """A new draft of the writer's organisation."""
    if not can_write(by):
        raise NotAllowed(_("只有专班办公室和各区可以撰写文章"))
    title, summary, body = _fields_check(kind=kind, title=title, summary=summary, body=body)
    image_file = _image_read(image) if image else None
    with transaction.atomic():
        article = Article(kind=kind, title=title, summary=summary, body=body, image_alt=image_alt.strip()[:120],
                          organisation_id=by.organisation_id, created_by=by)
        if image_file:
            article.image.save(image_file[0], ContentFile(image_file[1]), save=False)
        save_audited(article, by=by, reason="新建文章")
    return article


def article_update(*, article: Article, by, kind: str, title: str, summary: str, body: str, image=None,
                   image_alt: str = "", image_remove: bool = False) -> Article:
    """Change a draft (a published article is withdrawn and revised first)."""
    if not can_write(by, article):
        raise NotAllowed(_("只有撰稿单位或专班办公室可以提交或修改文章"))
    title, summary, body = _fields_check(kind=kind, title=title, summary=summary, body=body)
    image_file = _image_read(image) if image else None
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.state != ArticleState.DRAFT:
            raise InvalidState(_("文章当前状态为“%(state)s”，只有草稿可以修改") % {"state": locked.get_state_display()})
        locked.kind, locked.title, locked.summary, locked.body = kind, title, summary, body
        locked.image_alt = image_alt.strip()[:120]
        if image_remove:
            locked.image = ""
        if image_file:
            locked.image.save(image_file[0], ContentFile(image_file[1]), save=False)
        save_audited(locked, by=by, reason="修改文章",
                     update_fields=["kind", "title", "summary", "body", "image", "image_alt"])
    return locked


ACTIONS = ("submit", "publish", "return", "withdraw", "revise")


def article_transition(*, article: Article, action: str, by, comment: str = "") -> Article:
    """One workflow step by name; the right to take it is checked before the comment or the state (403 first)."""
    if action not in ACTIONS:
        raise DomainError(_("未知的操作"))
    if not ARTICLE_WORKFLOW.may(by, article, action):
        raise NotAllowed(ARTICLE_WORKFLOW[action].refused)
    return ARTICLE_WORKFLOW.take(article, action, by=by, comment=comment)
