"""Demo library: a few dozen documents dated 2024 for common occupations and special items, some restricted,
some shared by several bodies, with versions and a year of downloads. Idempotent."""

import hashlib
import random
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from jineng.accounts.choices import OrganisationKind
from jineng.accounts.demo import demo_user
from jineng.accounts.models import Organisation, User
from jineng.core.audit import save_audited
from jineng.core.engine.identifiers import synthetic_uscc
from jineng.core.models import District
from jineng.evaluation.choices import BodyKind, BodyStatus
from jineng.evaluation.models import EvaluationBody
from jineng.library.choices import AccessLevel, DocumentKind, DocumentState
from jineng.library.models import DocumentDownload, DocumentVersion, LibraryDocument
from jineng.occupations.choices import SkillLevel
from jineng.occupations.models import Occupation

REASON = "生成演示数据"
DEMO_EVALUATOR_ORGANISATION = "上海示例技能评价中心"  # the accounts step's evaluator login works here

# (name, kind, district code) of the bodies created when the evaluation step has not made any
BODIES = (
    ("上海示例技能评价中心", BodyKind.SOCIAL, "310112"),
    ("上海示例机械行业职业技能评价站", BodyKind.SOCIAL, "310115"),
    ("上海示例汽车集团技能评价中心", BodyKind.EMPLOYER, "310114"),
    ("上海示例职业技术学院", BodyKind.COLLEGE, "310104"),
    ("上海示例养老服务行业协会", BodyKind.SPECIAL, "310105"),
    ("上海示例集成电路人才评价中心", BodyKind.EMPLOYER, "310115"),
)
OCCUPATIONS = ("6-18-01-01", "6-31-01-03", "6-18-02-04", "4-10-01-03", "4-10-01-05", "4-03-02-01", "4-10-03-01",
               "4-12-01-01", "6-31-07-03", "4-04-04-02")
SPECIAL_ITEMS = ("老年人能力评估", "西式面点制作", "母婴护理", "无人机操控", "咖啡制作")
TITLES = {
    DocumentKind.STANDARD: "{subject}职业技能等级评价规范（{level}）",
    DocumentKind.SCHEME: "{subject}技能等级认定实施方案（2024 年版）",
    DocumentKind.QUESTION_BANK: "{subject}（{level}）理论与实操题库",
    DocumentKind.MATERIAL: "{subject}培训教学资料",
}
SUFFIX = {DocumentKind.STANDARD: ".pdf", DocumentKind.SCHEME: ".pdf", DocumentKind.QUESTION_BANK: ".csv",
          DocumentKind.MATERIAL: ".txt"}


def _at(rng: random.Random, year: int, start_day: int = 1, end_day: int = 310) -> datetime:
    day = datetime(year, 1, 1, 9, tzinfo=timezone.get_default_timezone()) + timedelta(days=rng.randint(start_day,
                                                                                                        end_day))
    return day + timedelta(minutes=rng.randint(0, 8 * 60))


def demo_bodies(*, rng: random.Random) -> list[EvaluationBody]:
    """The evaluation step's bodies when it ran; else a few bodies of each kind (get or create by credit code)."""
    existing = list(EvaluationBody.objects.order_by("pk")[:8])
    if len(existing) >= 4:
        return existing
    bodies = []
    for index, (name, kind, district) in enumerate(BODIES):
        code = synthetic_uscc(rng=random.Random(f"library-body-{index}"), region=district)
        body, _created = EvaluationBody.objects.get_or_create(credit_code=code, defaults={
            "name": name, "kind": kind, "city_serial": f"98{index:04d}", "is_synthetic": True,
            "district": District.objects.get(code=district), "status": BodyStatus.PUBLISHED,
            "published_on": date(2024, 1, 15)})
        bodies.append(body)
    _login_body(bodies[0])
    return bodies


def _login_body(body: EvaluationBody) -> None:
    """Let the demo evaluator login work for a body, so it sees the documents of the bodies' level."""
    organisation = Organisation.objects.filter(name=DEMO_EVALUATOR_ORGANISATION,
                                               kind=OrganisationKind.EVALUATION_INSTITUTION).first()
    if organisation is None or body.organisation_id or EvaluationBody.objects.filter(organisation=organisation).exists():
        return
    body.organisation = organisation
    body.save(update_fields=["organisation"])


def _content(title: str, number: int) -> bytes:
    return (f"{title}\n第 {number} 版（演示用虚构内容）\n\n一、适用范围\n二、评价内容与比重\n三、考核方式\n").encode()


def library_demo_seed(*, year: int = 2024) -> dict[str, object]:
    if LibraryDocument.objects.filter(is_synthetic=True).exists():
        return _counts()
    rng = random.Random(2024)
    office = demo_user("office")
    bodies = demo_bodies(rng=rng)
    occupations = list(Occupation.objects.filter(code__in=OCCUPATIONS, classification="2022").order_by("code"))
    subjects = [(occupation, "") for occupation in occupations] + [(None, item) for item in SPECIAL_ITEMS]
    kinds = list(DocumentKind)
    with transaction.atomic():
        documents = [_document(index, subject, kinds[index % len(kinds)], bodies, office, rng, year)
                     for index, subject in enumerate((subjects * 3)[:40])]
        _downloads(documents, rng, year)
    return _counts()


def _document(index, subject, kind, bodies, office, rng, year) -> LibraryDocument:
    occupation, item = subject
    level = None if item else rng.choice([SkillLevel.L4, SkillLevel.L3, SkillLevel.L2, SkillLevel.L1])
    title = TITLES[kind].format(subject=occupation.name if occupation else item,
                                level=SkillLevel(level).label if level else "专项")
    access = (AccessLevel.RESTRICTED if kind == DocumentKind.QUESTION_BANK
              else rng.choice([AccessLevel.PUBLIC, AccessLevel.PUBLIC, AccessLevel.BODIES]))
    state = DocumentState.PUBLISHED if index % 9 else rng.choice(
        [DocumentState.DRAFT, DocumentState.SUBMITTED, DocumentState.WITHDRAWN])
    owner = None if index % 3 == 0 else bodies[index % len(bodies)]
    created = _at(rng, year, 1, 200)
    published = created + timedelta(days=rng.randint(5, 40)) if state != DocumentState.DRAFT else None
    document = LibraryDocument(
        title=f"{title}" if index < 20 else f"{title}（修订）", kind=kind, access=access, state=state,
        occupation=occupation, special_item=item, level=level, owner_body=owner, created_by=office,
        created_at=created, submitted_at=created + timedelta(days=2) if state != DocumentState.DRAFT else None,
        published_at=published if state in (DocumentState.PUBLISHED, DocumentState.WITHDRAWN) else None,
        published_by=office if state in (DocumentState.PUBLISHED, DocumentState.WITHDRAWN) else None,
        withdrawn_at=published + timedelta(days=30) if state == DocumentState.WITHDRAWN else None,
        review_comment="标准已更新，请使用新版" if state == DocumentState.WITHDRAWN else "",
        description="演示数据：虚构的技术资料。", is_synthetic=True)
    _save_through_workflow(document, office)
    shared = rng.sample(bodies, k=rng.randint(1, 3)) + ([owner] if owner else [])
    document.shared_with.set(set(shared))
    for number in range(1, rng.choice([1, 1, 2]) + 1):
        content = _content(title, number)
        version = DocumentVersion(document=document, number=number, original_name=f"{title}{SUFFIX[kind]}",
                                  size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                                  note="首次发布" if number == 1 else "按 2024 年新标准修订",
                                  uploaded_by=office, uploaded_at=created + timedelta(days=number - 1))
        version.file.save(f"v{number}{SUFFIX[kind]}", ContentFile(content), save=False)
        version._history_user, version._change_reason = office, REASON
        version.save()
    return document


def _save_through_workflow(document: LibraryDocument, office) -> None:
    """Save the document as it went through the workflow, each history row dated when that step was taken, so the
    review panel shows a 2024 story (created, submitted, published, withdrawn)."""
    final = document.state
    steps = [(DocumentState.SUBMITTED, document.submitted_at, "提交审核"),
             (DocumentState.PUBLISHED, document.published_at, "发布"),
             (DocumentState.WITHDRAWN, document.withdrawn_at, f"撤回：{document.review_comment}")]
    order = [DocumentState.DRAFT] + [state for state, _at, _reason in steps]
    document.state = DocumentState.DRAFT
    save_audited(document, by=office, reason=REASON)
    dates = [document.created_at]
    for state, at, reason in steps[:order.index(final)]:
        document.state = state
        save_audited(document, by=office, reason=reason, update_fields=["state"])
        dates.append(at)
    rows = document.history.order_by("history_id").values_list("history_id", flat=True)
    for history_id, at in zip(rows, dates, strict=True):
        LibraryDocument.history.filter(history_id=history_id).update(history_date=at)


def _downloads(documents, rng: random.Random, year: int) -> None:
    users = list(User.objects.filter(organisation__isnull=False).order_by("pk")[:30])
    rows = []
    for document in documents:
        if document.published_at is None:
            continue
        versions = list(document.versions.order_by("number"))
        for _ in range(rng.randint(3, 40)):
            user = rng.choice(users + [None] * 3) if users else None
            at = document.published_at + timedelta(hours=rng.randint(1, 24 * 150))
            cutoff = datetime(year, 11, 15, tzinfo=timezone.get_default_timezone())
            rows.append(DocumentDownload(version=rng.choice(versions), document=document, user=user,
                                         organisation_id=user.organisation_id if user else None,
                                         downloaded_at=min(at, cutoff), is_synthetic=True))
    DocumentDownload.objects.bulk_create(rows, batch_size=1000)


def _counts() -> dict[str, object]:
    documents = LibraryDocument.objects.filter(is_synthetic=True)
    return {
        "资源库资料": documents.count(),
        "其中限定机构": documents.filter(access=AccessLevel.RESTRICTED).count(),
        "资料版本": DocumentVersion.objects.filter(document__is_synthetic=True).count(),
        "下载记录": DocumentDownload.objects.filter(is_synthetic=True).count(),
    }
