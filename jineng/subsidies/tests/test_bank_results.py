"""The bank's result file: all or nothing, errors by row and column, idempotent on a second upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jineng.core.exceptions import ImportRejected
from jineng.core.spreadsheets import new_workbook, workbook_add_table, workbook_bytes
from jineng.subsidies.choices import BatchStatus, ClaimStatus, PaymentStatus
from jineng.subsidies.models import Payment
from jineng.subsidies.services import claims as claim_services
from jineng.subsidies.services import payments as payment_services
from jineng.subsidies.services.bank_results import HEADERS, bank_results_import
from jineng.subsidies.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_batch(city_officer):
    claims = [factories.submitted(factories.certified()) for _ in range(3)]
    for claim in claims:
        claim_services.claim_approve(claim=claim, by=city_officer)
    batch = payment_services.payment_batch_create(by=city_officer)
    payment_services.payment_batch_send(batch=batch, by=city_officer)
    return batch, claims


def _file(rows) -> bytes:
    workbook = new_workbook()
    workbook_add_table(workbook, title="结果", headers=HEADERS, rows=rows)
    return workbook_bytes(workbook)


def test_applies_every_row_and_settles_the_batch(city_officer, sent_batch):
    batch, claims = sent_batch
    content = _file([[claims[0].number, "成功", "B001", ""], [claims[1].number, "成功", "B002", ""],
                     [claims[2].number, "失败", "", "户名与账号不符"]])

    counts = bank_results_import(batch=batch, content=content, by=city_officer)

    assert counts == {"已拨付": 2, "拨付失败": 1, "未变": 0}
    assert Payment.objects.get(claim=claims[0]).bank_reference == "B001"
    claims[2].refresh_from_db()
    assert claims[2].status == ClaimStatus.PAYMENT_FAILED
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SETTLED


def test_uploading_the_same_file_twice_changes_nothing(city_officer, sent_batch):
    batch, claims = sent_batch
    content = _file([[c.number, "成功", f"B{i}", ""] for i, c in enumerate(claims)])
    bank_results_import(batch=batch, content=content, by=city_officer)

    counts = bank_results_import(batch=batch, content=content, by=city_officer)

    assert counts == {"已拨付": 0, "拨付失败": 0, "未变": 3}
    assert claims[0].history.filter(status=ClaimStatus.PAID).count() == 1


def test_one_bad_row_refuses_the_whole_file_naming_row_and_column(city_officer, sent_batch):
    batch, claims = sent_batch
    content = _file([[claims[0].number, "成功", "B001", ""], ["BT2099-00-NOPE00", "成功", "", ""],
                     [claims[2].number, "失败", "", ""]])

    with pytest.raises(ImportRejected) as refused:
        bank_results_import(batch=batch, content=content, by=city_officer)

    assert "第 3 行「申请编号」" in str(refused.value)
    assert "第 4 行「失败原因」" in str(refused.value)
    assert not Payment.objects.filter(status=PaymentStatus.PAID).exists()


def test_a_paid_payment_cannot_be_turned_into_a_failure(city_officer, sent_batch):
    batch, claims = sent_batch
    bank_results_import(batch=batch, content=_file([[claims[0].number, "成功", "B1", ""]]), by=city_officer)

    with pytest.raises(ImportRejected, match="已记为“已拨付”"):
        bank_results_import(batch=batch, content=_file([[claims[0].number, "失败", "", "退票"]]), by=city_officer)


def test_programme_office_uploads_the_result_file_from_the_batch_page(client, city_officer, sent_batch):
    batch, claims = sent_batch
    client.force_login(city_officer)
    upload = _file([[c.number, "成功", "", ""] for c in claims])

    client.post(reverse("subsidies:batch_results", args=[batch.pk]),
                {"file": SimpleUploadedFile("result.xlsx", upload)})

    assert Payment.objects.filter(batch=batch, status=PaymentStatus.PAID).count() == 3
