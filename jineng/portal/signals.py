"""Keep the course search index in step with the records it copies: a write to an institution, a project, a
class or a rating refreshes that institution's entries once, when the transaction commits; a catalogue version
changing state rebuilds the whole index (memberships change for every course of its occupations)."""

import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

_pending = threading.local()

_BY_INSTITUTION = {
    "training.Institution": "pk",
    "training.TrainingProject": "institution_id",
    "training.TrainingClass": "institution_id",
    "integrity.InstitutionRating": "institution_id",
}


def _flush() -> None:
    from jineng.portal.services.course_index import course_index_rebuild, course_index_refresh

    ids, rebuild = getattr(_pending, "ids", set()), getattr(_pending, "rebuild", False)
    _pending.ids, _pending.rebuild = set(), False
    if rebuild:
        course_index_rebuild()
    elif ids:
        course_index_refresh(institution_ids=ids)


def _schedule() -> None:
    transaction.on_commit(_flush)  # after a rollback nothing runs; the next commit flushes what is pending


def _institution_changed(sender, instance, **kwargs) -> None:
    if getattr(_pending, "ids", None) is None:
        _pending.ids = set()
    institution_id = getattr(instance, _BY_INSTITUTION[sender._meta.label])
    if institution_id:
        _pending.ids.add(institution_id)
        _schedule()


def _catalogue_changed(sender, instance, **kwargs) -> None:
    _pending.rebuild = True
    _schedule()


def connect() -> None:
    for label in _BY_INSTITUTION:
        model = apps.get_model(label)
        post_save.connect(_institution_changed, sender=model, dispatch_uid=f"portal-index-{label}")
        post_delete.connect(_institution_changed, sender=model, dispatch_uid=f"portal-index-del-{label}")
    post_save.connect(_catalogue_changed, sender=apps.get_model("occupations.CatalogueVersion"),
                      dispatch_uid="portal-index-catalogue")
