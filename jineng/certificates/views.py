"""Pages of the certificate register: the register (office, districts, bodies), a certificate with its QR code
and status actions, the import, and the public pages (verification form, signed link, key set)."""

import json

import segno
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jineng.certificates import selectors
from jineng.certificates.choices import CertificateStatus
from jineng.certificates.models import Certificate
from jineng.certificates.permissions import can_change_status
from jineng.certificates.services import credentials, links, signing
from jineng.certificates.services import status as status_services
from jineng.certificates.services.imports import certificates_import, certificates_template_bytes
from jineng.certificates.throttles import throttled_wait
from jineng.certificates.workflows import CERTIFICATE_WORKFLOW
from jineng.core.capabilities import can
from jineng.core.pagination import paginate
from jineng.core.spreadsheets import file_response
from jineng.core.views import attempt, require
from jineng.core.workflow import review_panel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
require_see = require(can("certificates.see"))
require_import = require(can("certificates.import"))


@require_see
def register(request):
    rows = (Certificate.objects.visible_to(request.user).select_related("occupation", "work_type", "body")
            .order_by("-issued_on", "-pk"))
    status = request.GET.get("status", "")
    if status in CertificateStatus.values:
        rows = rows.filter(status=status)
    number = "".join(ch for ch in request.GET.get("number", "").upper() if ch.isascii() and ch.isalnum())[:22]
    if number:
        rows = rows.filter(number__startswith=number)
    return render(request, "certificates/register.html", {
        "page": paginate(request, rows), "statuses": CertificateStatus.choices,
        "filters": {"status": status, "number": number}})


def _visible(request, pk) -> Certificate:
    return Certificate.objects.select_related("occupation", "work_type", "body", "holder").get_visible(
        request.user, pk)


@require_see
def detail(request, pk):
    certificate = _visible(request, pk)
    url = links.link_url(certificate, base=request.build_absolute_uri("/"))
    qr = segno.make(url, error="m").svg_data_uri(scale=3, border=2)
    urls = {name: f"/certificates/{certificate.pk}/status/{name}/" for name in ("suspend", "reinstate", "revoke")}
    return render(request, "certificates/detail.html", {
        "c": certificate, "link": url, "qr": qr,
        "review": review_panel(CERTIFICATE_WORKFLOW, certificate, request.user, urls=urls,
                               comment_label=_("原因"))})


@require_POST
@require_see
def status_change(request, pk, action):
    certificate = _visible(request, pk)
    call = {"suspend": status_services.certificate_suspend, "reinstate": status_services.certificate_reinstate,
            "revoke": status_services.certificate_revoke}.get(action)
    if call is None:
        raise Http404
    if not can_change_status(request.user, certificate):
        raise PermissionDenied(_("您无权变更该证书的状态"))
    reason = request.POST.get("comment", "")
    attempt(request, lambda: call(certificate=certificate, by=request.user, reason=reason),
            success=_("证书状态已更新"))
    return redirect("certificates:detail", pk=certificate.pk)


@require_import
def import_page(request):
    errors, counts = [], None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [_("请选择文件")]
        else:
            result = attempt(request, lambda: certificates_import(content=upload.read(), file_name=upload.name,
                                                                  by=request.user), flash=False)
            if not result.ok:
                errors = list(result.errors) or [result.error]
            else:
                counts = result.value
    return render(request, "certificates/import.html", {"errors": errors, "counts": counts})


@require_import
def template_download(request):
    return file_response(certificates_template_bytes(), filename=_("证书导入模板.xlsx"), content_type=XLSX)


# Public pages ------------------------------------------------------------------------------------------------


@require_GET
def verify_page(request):
    number = request.GET.get("number", "")[:64]
    name = request.GET.get("name", "")[:64]
    answer, error, status = None, "", 200
    if number or name:
        if not number.strip() or not name.strip():
            error, status = _("请同时填写证书编号和持证人姓名"), 400
        else:
            wait = throttled_wait(request)
            if wait is not None:
                error, status = _("请求过于频繁，请 %(seconds)d 秒后再试") % {"seconds": int(wait) + 1}, 429
            else:
                answer = selectors.certificate_verify(number=number, name=name)
    return render(request, "certificates/verify.html", {"answer": answer, "error": error, "number": number,
                                                        "name": name}, status=status)


@require_GET
def link_page(request, payload):
    try:
        verified = links.link_read(payload)
    except signing.BadSignature:
        verified = None
    current = None
    if verified is not None:
        certificate = selectors.certificate_by_number(verified.claims["n"])
        current = selectors.link_status(certificate)
    return render(request, "certificates/link.html", {
        "payload": payload, "verified": verified, "current": current,
        "jwks": signing.jwks(), "status_url": f"/v/{payload}/status.json", "messages_js": _link_messages(),
    }, status=200 if verified else 400)


def _link_messages() -> dict:
    return {
        "authentic": _("签名有效：证书内容与平台签发时一致（本机离线核验）。"),
        "forged": _("签名无效：该链接不是本平台签发的，或已被改动。"),
        "not_checked": _("签名无效，未查询状态。"),
        "offline": _("无法联网：证书当前状态（是否已暂停或撤销）未能确认。"),
        "valid": _("当前有效（已查询证书登记簿）"),
        "suspended": _("当前已暂停"),
        "revoked": _("当前已撤销"),
        "not_found": _("登记簿中已无该证书"),
        "since": _("，自 %s 起："),
        "source": _("（来源：%s）"),
    }


@require_GET
def link_status(request, payload):
    """The current status behind a signed link, as JSON, for the page's script (after it checked the signature)."""
    try:
        verified = links.link_read(payload)
    except signing.BadSignature:
        return JsonResponse({"result": "invalid", "detail": _("签名无效：该链接不是本平台签发的，或已被改动")},
                            status=400)
    certificate = selectors.certificate_by_number(verified.claims["n"])
    return JsonResponse(selectors.link_status(certificate), json_dumps_params={"ensure_ascii": False})


@require_GET
def jwks(request):
    signing.key_current()
    response = HttpResponse(json.dumps(signing.jwks()), content_type="application/jwk-set+json")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_see
def credential(request, pk):
    certificate = _visible(request, pk)
    token = credentials.credential_export(certificate, base=request.build_absolute_uri("/"))
    response = HttpResponse(token, content_type=credentials.MEDIA_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}.vc.jwt"'
    return response


@require_GET
def status_list(request, purpose, number):
    """A published status list: public, cached, revalidated with its ETag."""
    if purpose not in credentials.PURPOSES or number > 10_000:
        raise Http404
    encoded, etag = credentials.status_list_etag(purpose, number)
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        key = f"certificates:status-list:{etag}"
        token = cache.get(key)
        if token is None:
            token = credentials.status_list_credential(purpose, number, encoded, base=request.build_absolute_uri("/"))
            cache.set(key, token, 3600)
        response = HttpResponse(token, content_type=credentials.MEDIA_TYPE)
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60, must-revalidate"
    response["Access-Control-Allow-Origin"] = "*"
    return response
