from django.urls import path

from jineng.subsidies.views import claims, parameters, payments, quote

app_name = "subsidies"
urlpatterns = [
    path("", claims.claim_list, name="claims"),
    path("export.xlsx", claims.claim_list_export, name="claims_export"),
    path("quote/", quote.quote_page, name="quote"),
    path("new/", claims.claim_new, name="claim_new"),
    path("review/", claims.review_queue, name="review"),
    path("claims/<int:claim_id>/", claims.claim_detail, name="claim"),
    path("claims/<int:claim_id>/approve/", claims.claim_approve, name="claim_approve"),
    path("claims/<int:claim_id>/reject/", claims.claim_reject, name="claim_reject"),
    path("claims/<int:claim_id>/withdraw/", claims.claim_withdraw, name="claim_withdraw"),
    path("batches/", payments.batch_list, name="batches"),
    path("batches/<int:batch_id>/", payments.batch_detail, name="batch"),
    path("batches/<int:batch_id>/send/", payments.batch_send, name="batch_send"),
    path("batches/<int:batch_id>/paid/", payments.batch_mark_all_paid, name="batch_paid"),
    path("batches/<int:batch_id>/results/", payments.batch_results, name="batch_results"),
    path("batches/<int:batch_id>/export.xlsx", payments.batch_export, name="batch_export"),
    path("payments/<int:payment_id>/paid/", payments.payment_paid, name="payment_paid"),
    path("payments/<int:payment_id>/failed/", payments.payment_failed, name="payment_failed"),
    path("summary/", payments.paid_summary, name="summary"),
    path("parameters/", parameters.parameter_list, name="parameters"),
]
