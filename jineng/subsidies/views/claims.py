"""Claims: the list with counts, one claim with its trace and checks, review, withdrawal and submission."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.core.audit import audit_trail
from jineng.core.exceptions import DomainError
from jineng.core.models import District
from jineng.core.pagination import paginate
from jineng.core.spreadsheets import xlsx_response
from jineng.core.workflow import review_panel
from jineng.subsidies import permissions
from jineng.subsidies.choices import ClaimStatus
from jineng.subsidies.forms import EnrolmentClaimForm, EnterpriseClaimForm, RejectForm
from jineng.subsidies.models import Scheme
from jineng.subsidies.selectors import claims as selectors
from jineng.subsidies.selectors.parameters import scheme_get, scheme_list
from jineng.subsidies.services import claims as services
from jineng.subsidies.views.common import attempt, int_param, local, require
from jineng.subsidies.workflows import CLAIM_WORKFLOW

CLAIM_HEADERS = [gettext_lazy("申请编号"), gettext_lazy("补贴项目"), gettext_lazy("姓名"), gettext_lazy("身份证号"), gettext_lazy("区"), gettext_lazy("职业编码"), gettext_lazy("职业"), gettext_lazy("工种"), gettext_lazy("等级"), gettext_lazy("人员类别"), gettext_lazy("金额（元）"),
                 gettext_lazy("状态"), gettext_lazy("提交时间"), gettext_lazy("申请单位"), gettext_lazy("未通过原因")]


def _filters(request) -> dict:
    status = request.GET.get("status", "")
    return {"status": status if status in ClaimStatus.values else "", "scheme_id": int_param(request, "scheme"),
            "district_id": int_param(request, "district"), "query": request.GET.get("q", "").strip()[:40],
            "year": int_param(request, "year")}


@require(permissions.can_see_claims)
def claim_list(request):
    filters = _filters(request)
    claims = selectors.claim_list(viewer=request.user, **filters)
    by_status = selectors.claim_status_counts(selectors.claim_list(viewer=request.user, **(filters | {"status": ""})))
    counts = [(value, label, by_status[value]) for value, label in ClaimStatus.choices]
    context = {"page": paginate(request, claims), "filters": filters, "counts": counts,
               "statuses": ClaimStatus.choices, "schemes": scheme_list(active_only=False),
               "districts": District.objects.order_by("code"), "can_submit": permissions.can_submit(request.user)}
    return render(request, "subsidies/claims.html", context)


@require(permissions.can_see_claims)
def claim_list_export(request):
    claims = selectors.claim_list(viewer=request.user, **_filters(request))
    rows = ([c.number, c.scheme.name, c.person.name, c.person.resident_id_masked, c.district.name, c.occupation.code,
             c.occupation.name, c.work_type.name if c.work_type_id else "", c.get_level_display() or _("不分等级"),
             c.get_applicant_category_display(), c.amount, c.get_status_display(), local(c.submitted_at),
             c.claimant_organisation.name if c.claimant_organisation_id else _("本人"), _("；").join(c.check_failures)]
            for c in claims.iterator(chunk_size=2000))
    return xlsx_response(filename=_("补贴申请.xlsx"), title=_("补贴申请"), headers=CLAIM_HEADERS, rows=rows)


@require(permissions.can_see_claims)
def claim_detail(request, claim_id: int):
    claim = selectors.get_claim_for_user(request.user, claim_id)
    context = {"claim": claim, "steps": claim.trace.get("trace", []), "checks": claim.trace.get("checks", []),
               "versions": claim.trace.get("versions", []), "history": audit_trail(claim),
               "payment": getattr(claim, "payment", None) if hasattr(claim, "payment") else None,
               "review": review_panel(CLAIM_WORKFLOW, claim, request.user, comment_label=_("审核意见或撤回原因"), urls={
                   name: reverse(f"subsidies:claim_{name}", args=[claim.pk]) for name in ("approve", "reject", "withdraw")
               })}
    return render(request, "subsidies/claim.html", context)


@require(permissions.can_review_any)
@require_POST
def claim_approve(request, claim_id: int):
    claim = selectors.get_claim_for_user(request.user, claim_id)
    note = request.POST.get("comment", request.POST.get("note", ""))[:300]
    attempt(request, lambda: services.claim_approve(claim=claim, by=request.user, note=note),
            success=_("申请 {number} 已核准").format(number=claim.number))
    if request.POST.get("next") == "review":
        return redirect("subsidies:review")
    return redirect("subsidies:claim", claim_id=claim.pk)


@require(permissions.can_review_any)
@require_POST
def claim_reject(request, claim_id: int):
    claim = selectors.get_claim_for_user(request.user, claim_id)
    form = RejectForm({"reason": request.POST.get("comment", request.POST.get("reason", ""))})
    if not form.is_valid():
        messages.error(request, _("不予核准须填写理由"))
    else:
        attempt(request, lambda: services.claim_reject(claim=claim, by=request.user, reason=form.cleaned_data["reason"]), success=_("申请 {number} 不予核准").format(number=claim.number))
    if request.POST.get("next") == "review":
        return redirect("subsidies:review")
    return redirect("subsidies:claim", claim_id=claim.pk)


@require(permissions.is_claimant)
@require_POST
def claim_withdraw(request, claim_id: int):
    claim = selectors.get_claim_for_user(request.user, claim_id)
    reason = request.POST.get("comment", request.POST.get("reason", ""))[:300]
    attempt(request, lambda: services.claim_withdraw(claim=claim, by=request.user, reason=reason),
            success=_("申请 {number} 已撤回").format(number=claim.number))
    return redirect("subsidies:claim", claim_id=claim.pk)


@require(permissions.can_review_any)
def review_queue(request):
    claims = selectors.review_queue(viewer=request.user)
    return render(request, "subsidies/review.html", {"claims": claims[:200], "total": claims.count(),
                                                     "reject_form": RejectForm()})


@require(permissions.can_submit)
def claim_new(request):
    """Institutions pick a trainee's completed enrolment; enterprises an apprentice-year or an enrolment."""
    if request.method == "POST":
        claim = _submit(request)
        if claim is not None:
            if claim.status == ClaimStatus.CHECK_FAILED:
                messages.error(request, _("申请 {number} 未通过自动校验：").format(number=claim.number) + _("；").join(claim.check_failures))
            else:
                messages.success(request, _("申请 {number} 已提交，待审核").format(number=claim.number))
            return redirect("subsidies:claim", claim_id=claim.pk)
    query = request.GET.get("q", "").strip()[:40]
    context = {"query": query, "is_institution": permissions.claims_for_trainees(request.user)}
    if context["is_institution"]:
        context |= {"enrolments": selectors.claimable_enrolments(viewer=request.user, query=query)[:100],
                    "form": EnrolmentClaimForm()}
    else:
        context |= {"apprenticeships": selectors.enterprise_apprenticeships(viewer=request.user)[:200],
                    "enrolments": selectors.enterprise_enrolments(viewer=request.user, query=query)[:100], "form": EnterpriseClaimForm(),
                    "training_scheme": scheme_get("ent_training")}
    return render(request, "subsidies/claim_new.html", context)


def _submit(request):
    submit = _submit_for_trainee if permissions.claims_for_trainees(request.user) else _submit_for_enterprise
    return attempt(request, lambda: submit(request)).value


def _submit_for_trainee(request):
    form = EnrolmentClaimForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("请选择培训记录、补贴项目和人员类别"))
    enrolment = selectors.claimable_enrolments(viewer=request.user).filter(pk=form.cleaned_data["enrolment"]).first()
    if enrolment is None:
        raise DomainError(_("该培训记录不能申请（不是本机构的、未取得证书或已有申请）"))
    return services.claim_submit(by=request.user, scheme=form.cleaned_data["scheme"], enrolment=enrolment,
                                 applicant_category=form.cleaned_data["applicant_category"])


def _submit_for_enterprise(request):
    form = EnterpriseClaimForm(request.POST)
    if not form.is_valid():
        raise DomainError(_("请选择学徒或培训记录"))
    data = form.cleaned_data
    if data["apprenticeship"]:
        apprenticeship = selectors.claimant_apprenticeships(viewer=request.user).filter(pk=data["apprenticeship"]).first()
        if apprenticeship is None:
            raise DomainError(_("没有这名学徒"))
        return services.claim_submit(by=request.user, scheme=Scheme.objects.get(code="apprenticeship"),
                                     apprenticeship=apprenticeship, applicant_category="employed",
                                     period_year=data["period_year"])
    enrolment = selectors.claimant_enrolments(viewer=request.user).filter(pk=data["enrolment"] or 0).first()
    if enrolment is None:
        raise DomainError(_("没有这条培训记录"))
    return services.claim_submit(by=request.user, scheme=Scheme.objects.get(code="ent_training"), enrolment=enrolment,
                                 applicant_category="employed")
