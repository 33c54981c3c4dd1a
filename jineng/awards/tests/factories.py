"""Calls, applications, reviewers and awards for the awards tests."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jineng.accounts.models import Organisation, User
from jineng.awards.choices import ApplicationState
from jineng.awards.models import Application, Call, Reviewer
from jineng.awards.services import applications, calls, publicity, reviews

HONOURED = {"leader_name": "张师傅", "leader_level": 5, "leader_honours": ["全国技术能手"],
            "matching_declared": Decimal("100000")}


def org(name: str, kind: str = "enterprise", district: str | None = "310115") -> Organisation:
    from jineng.core.models import District

    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={
        "kind": kind, "district": District.objects.get(code=district) if district else None})
    return organisation


def user(username: str, organisation: Organisation) -> User:
    return User.objects.create_user(username=username, organisation=organisation, display_name=username)


def call(office, *, kind: str = "master_studio", quota: int = 2, days_left: int = 10, attachments=None,
         title: str = "") -> Call:
    return calls.call_create(by=office, kind=kind, year=2024, title=title or f"{kind} 测试通知", quota=quota,
                             opens_on=date(2024, 6, 1),
                             deadline=timezone.now() + timedelta(days=days_left) if days_left else timezone.now(),
                             required_attachments=attachments or [])


def application(call: Call, applicant: User, unit: Organisation, **fields) -> Application:
    values = {**HONOURED, "title": f"{applicant.username} 技能大师工作室", "screening_unit": unit, **fields}
    return applications.application_create(call=call, by=applicant, **values)


def upload(name: str = "申报表.pdf", content: bytes = b"%PDF-1.4 test") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def reviewer(office, name: str, organisation: Organisation) -> Reviewer:
    return reviews.reviewer_register(user=user(name, organisation), by=office, speciality="智能制造")


def through_review(app: Application, applicant, screener, office, reviewer_list, scores_by_reviewer) -> Application:
    """Submit, screen, assign, start review and score: each reviewer's scores are a criterion -> score map."""
    applications.application_submit(application=app, by=applicant)
    applications.application_screen(application=app, by=screener, comment="同意推荐")
    reviews.reviewers_assign(application=app, reviewers=reviewer_list, by=office)
    reviews.review_start(application=app, by=office)
    for rev, scores in zip(reviewer_list, scores_by_reviewer, strict=True):
        reviews.scores_submit(application=app, by=rev.user, scores=scores)
    app.refresh_from_db()
    return app


def flat(call_obj: Call, value) -> dict:
    return {c["code"]: value for c in call_obj.rule_set.content["criteria"]}


def publicise_and_award(call_obj: Call, office, *, award: bool = True):
    start = timezone.localdate() - timedelta(days=10)
    publicity.call_rank_and_publicise(call=call_obj, by=office, start=start, days=5)
    if award:
        for app in call_obj.applications.filter(state=ApplicationState.PUBLICITY):
            publicity.award_grant(application=app, by=office)
