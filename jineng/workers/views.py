"""A worker's own pages: sign-in through the identity service, their records, a personal claim, a credential."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jineng.certificates.services import credentials, links
from jineng.core.capabilities import can
from jineng.core.views import attempt, require
from jineng.subsidies.choices import ClaimStatus
from jineng.workers import selectors
from jineng.workers.auth import INACTIVE, NO_IDENTITY, REFUSAL_KEY, UNKNOWN_PERSON, UNREACHABLE
from jineng.workers.forms import WorkerClaimForm
from jineng.workers.services import worker_claim_file

require_worker = require(can("workers.see_own"))
require_claimant = require(can("workers.claim"))
_LARGEST_ID = 2**63 - 1


def _refusal_text(reason: str) -> str:
    return {
        UNKNOWN_PERSON: _("平台上还没有您的培训、证书或补贴记录，暂时无法开通本人查询；参加补贴性培训或取得证书后即可登录。"),
        NO_IDENTITY: _("身份认证服务没有提供您的身份证号，无法核对身份。"),
        INACTIVE: _("您的账号已停用，请联系所在区人力资源社会保障部门。"),
        UNREACHABLE: _("身份认证服务暂时无法访问，请稍后再试。"),
    }.get(reason, _("登录未完成，请重试。"))


@require_GET
def sign_in(request):
    if can("workers.see_own")(request.user):
        return redirect("workers:home")
    refusal = request.session.pop(REFUSAL_KEY, "") if request.GET.get("failed") else ""
    start = ""
    if settings.JINENG_OIDC_ENABLED:
        start = reverse("oidc_authentication_init") + "?" + urlencode({"next": reverse("workers:home")})
    return render(request, "workers/sign_in.html", {
        "start": start, "failed": bool(request.GET.get("failed")), "refusal": _refusal_text(refusal) if refusal else "",
        "local_provider": settings.JINENG_OIDC_LOCAL_PROVIDER})


@require_worker
def home(request):
    records = selectors.worker_records(worker=request.user)
    base = request.build_absolute_uri("/")
    certificates = [(certificate, links.link_path(certificate)) for certificate in records.certificates]
    return render(request, "workers/home.html", {
        "records": records, "certificates": certificates, "base": base.rstrip("/"),
        "person": request.user.person})


@require_claimant
@require_http_methods(["GET", "POST"])
def claim_new(request, enrolment_id: int):
    enrolment = selectors.worker_claimable_enrolment(worker=request.user, enrolment_id=_id(enrolment_id))
    if enrolment is None:
        raise Http404(_("没有这条可申请补贴的培训记录"))
    form = WorkerClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        filed = attempt(request, lambda: worker_claim_file(
            worker=request.user, enrolment_id=enrolment.pk, scheme=form.cleaned_data["scheme"],
            applicant_category=form.cleaned_data["applicant_category"]), form=form)
        if filed:
            claim = filed.value
            if claim.status == ClaimStatus.CHECK_FAILED:
                messages.error(request, _("申请 {number} 未通过自动校验：").format(number=claim.number)
                               + _("；").join(claim.check_failures))
            else:
                messages.success(request, _("申请 {number} 已提交，待区人力资源社会保障部门审核").format(number=claim.number))
            return redirect("workers:claim", claim_id=claim.pk)
    return render(request, "workers/claim_new.html", {"enrolment": enrolment, "form": form})


@require_worker
def claim(request, claim_id: int):
    found = selectors.worker_claim(worker=request.user, claim_id=_id(claim_id))
    return render(request, "workers/claim.html", {
        "claim": found, "checks": found.trace.get("checks", []), "steps": found.trace.get("trace", [])})


@require_worker
def credential(request, certificate_id: int):
    certificate = selectors.worker_certificate(worker=request.user, certificate_id=_id(certificate_id))
    if certificate is None:
        raise Http404(_("记录不存在，或您无权查看"))
    token = credentials.credential_export(certificate, base=request.build_absolute_uri("/"))
    response = HttpResponse(token, content_type=credentials.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.vc.jwt"'
    return response


def _id(value: int) -> int:
    if value > _LARGEST_ID:
        raise Http404
    return value
