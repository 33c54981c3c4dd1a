"""The library's part of the role matrix. The record in scope ("a") is a published restricted document naming the
evaluator's body; the one outside ("b") names another body only."""

import random

from django.core.files.base import ContentFile
from django.utils import timezone

from jineng.core.engine.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.evaluation.models import EvaluationBody
from jineng.library.models import DocumentVersion, LibraryDocument

#                                          office leader dept district enterprise institution evaluator anonymous
EXPECT = {
    "library:documents": "ok ok ok ok ok ok ok ok",
    "library:document": "ok ok 404 404 404 404 ok 404",
    "library:document_new": "ok 403 403 403 403 403 ok login",
    "library:review": "ok 403 403 403 403 403 403 login",
    "library:downloads": "ok ok 403 403 403 403 403 login",
    "library:downloads_export": "ok ok 403 403 403 403 403 login",
    "library:download": "ok ok 404 404 404 404 ok 404",
    "library:version_add": "ok 403 404 404 404 404 403 login",
    "library:document_sharing": "ok 403 404 404 404 404 403 login",
    "library:document_submit": "ok 403 404 404 404 404 403 login",
    "library:document_publish": "ok 403 404 404 404 404 403 login",
    "library:document_return": "ok 403 404 404 404 404 403 login",
    "library:document_withdraw": "ok 403 404 404 404 404 403 login",
    "library:document_revise": "ok 403 404 404 404 404 403 login",
    "api-library-downloads": "ok ok 403 403 403 403 403 login",
    "library-document-list": "ok ok ok ok ok ok ok ok",
    "library-document-detail": "ok ok 404 404 404 404 ok 404",
    "library-document-versions": "ok 403 404 404 404 404 403 login",
    "library-document-submit": "ok 403 404 404 404 404 403 login",
    "library-document-publish": "ok 403 404 404 404 404 403 login",
    "library-document-return-": "ok 403 404 404 404 404 403 login",
    "library-document-withdraw": "ok 403 404 404 404 404 403 login",
    "library-document-revise": "ok 403 404 404 404 404 403 login",
    "library-version-detail": "ok ok 404 404 404 404 ok 404",
    "library-version-download": "ok ok 404 404 404 404 ok 404",
}


def _pair(key: str):
    return lambda w: (w[f"{key}_a"].pk, w[f"{key}_b"].pk)


PARAMETERS = {
    ("library", "document_id"): _pair("library_doc"),
    ("library", "version_id"): _pair("library_version"),
    ("library-document", "pk"): _pair("library_doc"),
    ("library-version", "pk"): _pair("library_version"),
}


def _body(name: str, district: str, serial: str, organisation=None) -> EvaluationBody:
    if organisation is not None:
        found = EvaluationBody.objects.filter(organisation=organisation).first()
        if found is not None:
            return found
    code = synthetic_uscc(rng=random.Random(f"matrix-library-{serial}"), region=district)
    return EvaluationBody.objects.create(organisation=organisation, credit_code=code, name=name, kind="social",
                                         city_serial=serial, district=District.objects.get(code=district),
                                         status="published")


def world_add(world: dict) -> None:
    office = world["users"]["office"]
    own = _body("上海测试资源库评价中心", "310115", "979001", world["users"]["evaluator"].organisation)
    other = _body("上海测试其他评价机构", "310101", "979002")
    for key, body in (("a", own), ("b", other)):
        document = LibraryDocument.objects.create(
            title=f"测试题库{key}", kind="question_bank", access="restricted", state="published",
            published_at=timezone.now(), created_by=office)
        document.shared_with.set([body])
        version = DocumentVersion(document=document, number=1, original_name="题库.csv", size=3, sha256="0" * 64,
                                  uploaded_by=office)
        version.file.save("bank.csv", ContentFile(b"a,b"), save=False)
        version.save()
        world[f"library_doc_{key}"], world[f"library_version_{key}"] = document, version
