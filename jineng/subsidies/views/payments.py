"""Payment batches: create from approved claims, send, record each payment's outcome, export, summary."""
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jineng.core.models import District
from jineng.core.spreadsheets import check_upload_size, xlsx_response
from jineng.core.views import attempt
from jineng.subsidies import permissions
from jineng.subsidies.forms import BatchCreateForm, FailForm
from jineng.subsidies.models import Scheme
from jineng.subsidies.selectors import claims as selectors
from jineng.subsidies.services import payments as services
from jineng.subsidies.services.bank_results import bank_results_import
from jineng.subsidies.views.common import int_param, local, require

PAYMENT_HEADERS = [gettext_lazy("申请编号"), gettext_lazy("补贴项目"), gettext_lazy("姓名"), gettext_lazy("身份证号"), gettext_lazy("区"), gettext_lazy("金额（元）"), gettext_lazy("拨付状态"), gettext_lazy("拨付时间"), gettext_lazy("银行流水号"), gettext_lazy("失败原因")]


@require(permissions.can_pay)
def batch_list(request):
    form = BatchCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created = attempt(request, lambda: services.payment_batch_create(
            by=request.user, scheme=data["scheme"], district=data["district"], limit=data["limit"]))
        if created:
            return redirect("subsidies:batch", batch_id=created.value.pk)
    batchable = selectors.batchable_claims()
    return render(request, "subsidies/batches.html", {"batches": selectors.batch_list()[:100], "form": form,
                                                      "batchable_count": batchable.count()})


@require(permissions.can_pay)
def batch_detail(request, batch_id: int):
    batch = selectors.get_batch(batch_id)
    return render(request, "subsidies/batch.html", {"batch": batch, "payments": selectors.batch_payments(batch),
                                                    "fail_form": FailForm()})


@require(permissions.can_pay)
@require_POST
def batch_send(request, batch_id: int):
    batch = selectors.get_batch(batch_id)
    attempt(request, lambda: services.payment_batch_send(batch=batch, by=request.user), success=_("批次 {number} 已提交拨付").format(number=batch.number))
    return redirect("subsidies:batch", batch_id=batch.pk)


@require(permissions.can_pay)
@require_POST
def batch_mark_all_paid(request, batch_id: int):
    batch = selectors.get_batch(batch_id)
    attempt(request, lambda: services.payment_batch_mark_all_paid(batch=batch, by=request.user), success=_("待拨付的记录已全部记为已拨付"))
    return redirect("subsidies:batch", batch_id=batch.pk)


@require(permissions.can_pay)
@require_POST
def payment_paid(request, payment_id: int):
    payment = selectors.payment_get(payment_id)
    attempt(request, lambda: services.payment_mark_paid(payment=payment, by=request.user,
                                                    reference=request.POST.get("reference", "").strip()[:40]), success=_("{number} 已拨付").format(number=payment.claim.number))
    return redirect("subsidies:batch", batch_id=payment.batch_id)


@require(permissions.can_pay)
@require_POST
def payment_failed(request, payment_id: int):
    payment = selectors.payment_get(payment_id)
    form = FailForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    attempt(request, lambda: services.payment_mark_failed(payment=payment, by=request.user, reason=reason), success=_("{number} 记为拨付失败").format(number=payment.claim.number))
    return redirect("subsidies:batch", batch_id=payment.batch_id)


@require(permissions.can_pay)
@require_POST
def batch_results(request, batch_id: int):
    """Upload the bank's result file (.xlsx): all rows applied, or none."""
    batch = selectors.get_batch(batch_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择银行结果文件（.xlsx）"))
        return redirect("subsidies:batch", batch_id=batch.pk)
    imported = attempt(request, lambda: bank_results_import(batch=batch, content=_content(upload), by=request.user))
    if imported:
        messages.success(request, _("银行结果已导入：") + _("，").join(_("{k} {v} 笔").format(k=k, v=v) for k, v in imported.value.items()))
    return redirect("subsidies:batch", batch_id=batch.pk)


def _content(upload) -> bytes:
    check_upload_size(upload.size)  # refused before the body is read
    return upload.read()


@require(permissions.can_pay)
def batch_export(request, batch_id: int):
    batch = selectors.get_batch(batch_id)
    rows = ([p.claim.number, p.claim.scheme.name, p.claim.person.name, p.claim.person.resident_id_masked,
             p.claim.district.name, p.amount, p.get_status_display(), local(p.paid_at), p.bank_reference, p.failure_reason]
            for p in selectors.batch_payments(batch))
    return xlsx_response(filename=_("拨付批次{number}.xlsx").format(number=batch.number), title=batch.number, headers=PAYMENT_HEADERS, rows=rows)


@require(permissions.can_see_claims)
def paid_summary(request):
    """Districts down, schemes across: amounts paid, with totals and person-times."""
    year = int_param(request, "year")
    rows = selectors.paid_summary(viewer=request.user, year=year)
    schemes = list(Scheme.objects.order_by("family", "code").values_list("name", flat=True))
    cells = {(row["claim__district__code"], row["claim__scheme__name"]): row for row in rows}
    table = []
    for code, name in District.objects.order_by("code").values_list("code", "name"):
        mine = [row for row in rows if row["claim__district__code"] == code]
        table.append({"district": name, "cells": [cells.get((code, scheme)) for scheme in schemes],
                      "total": sum((row["amount"] for row in mine), 0), "count": sum(row["n"] for row in mine)})
    totals = [sum((row["amount"] for row in rows if row["claim__scheme__name"] == scheme), 0) for scheme in schemes]
    return render(request, "subsidies/summary.html", {
        "table": table, "schemes": schemes, "totals": totals, "year": year,
        "grand_total": sum((row["amount"] for row in rows), 0), "grand_count": sum(row["n"] for row in rows)})
