import random

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jineng.accounts.models import Organisation, User
from jineng.core.engine.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.evaluation.models import EvaluationBody
from jineng.library.models import DocumentVersion, LibraryDocument

_serial = iter(range(960001, 969999))


def body(name: str = "上海测试评价中心", *, district: str = "310115", with_login: str | None = None) -> EvaluationBody:
    serial = f"{next(_serial)}"
    organisation = None
    if with_login:
        organisation = Organisation.objects.create(name=f"{name}{serial}", kind="evaluation_institution",
                                                   district=District.objects.get(code=district))
        User.objects.create_user(username=with_login, organisation=organisation)
    return EvaluationBody.objects.create(
        organisation=organisation, credit_code=synthetic_uscc(rng=random.Random(serial), region=district),
        name=f"{name}{serial}", kind="social", city_serial=serial, district=District.objects.get(code=district),
        status="published")


def staff(evaluation_body: EvaluationBody) -> User:
    return evaluation_body.organisation.users.first()


def upload(name: str = "标准.pdf", content: bytes = b"%PDF-1.4 test") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def document(*, by, access: str = "public", state: str = "published", shared_with=(), owner=None,
             title: str = "车工职业技能等级评价规范", kind: str = "standard") -> LibraryDocument:
    doc = LibraryDocument.objects.create(title=title, kind=kind, access=access, state=state, owner_body=owner,
                                         created_by=by,
                                         published_at=timezone.now() if state == "published" else None)
    doc.shared_with.set(list(shared_with))
    version = DocumentVersion(document=doc, number=1, original_name="v1.pdf", size=5, sha256="0" * 64, uploaded_by=by)
    version.file.save("v1.pdf", ContentFile(b"hello"), save=False)
    version.save()
    return doc
