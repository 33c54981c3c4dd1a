"""The publication workflow of an article: draft → submitted → published / returned to draft; published →
withdrawn → draft again."""

from django.utils.translation import gettext_lazy as _

from jineng.core.publication import publication_workflow
from jineng.portal.models import Article

WRITE = "portal.write"
PUBLISH = "portal.publish"
_OFFICE = _("只有专班办公室可以审核、发布或撤回文章")
_OWNER = _("只有撰稿单位或专班办公室可以提交或修改文章")

ARTICLE_WORKFLOW = publication_workflow(
    model=Article, noun=_("文章"), write=WRITE, review=PUBLISH, refused_owner=_OWNER, refused_reviewer=_OFFICE,
    keep_first_publication=True,
)
