"""One exception handler: domain refusals and DRF's errors as JSON with a Chinese sentence and the right status."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from rest_framework import exceptions
from rest_framework.test import APIClient

from jineng.core.api_errors import api_exception_handler
from jineng.core.exceptions import DomainError, ImportRejected, InvalidState, NotAllowed, RecordNotFound


@pytest.mark.parametrize(("exc", "status", "code"), [
    (DomainError("金额不正确"), 400, "invalid"),
    (NotAllowed("您无权审核该申请"), 403, "not_allowed"),
    (RecordNotFound("申请不存在"), 404, "not_found"),
    (InvalidState("该申请已审核"), 409, "invalid_state"),
])
def test_a_domain_error_answers_its_status_with_its_message(exc, status, code):
    response = api_exception_handler(exc, {})

    assert response.status_code == status
    assert response.data == {"detail": str(exc), "code": code}


def test_an_import_refusal_lists_its_row_errors():
    response = api_exception_handler(ImportRejected(["第 3 行“身份证号”校验位不正确"]), {})

    assert response.status_code == 400
    assert response.data["errors"] == ["第 3 行“身份证号”校验位不正确"]


@pytest.mark.parametrize(("exc", "status", "text"), [
    (exceptions.NotAuthenticated(), 401, "请先登录"),
    (exceptions.AuthenticationFailed(), 401, "令牌"),
    (exceptions.PermissionDenied(), 403, "无权"),
    (exceptions.NotFound(), 404, "不存在"),
    (exceptions.MethodNotAllowed("DELETE"), 405, "不支持"),
    (exceptions.Throttled(wait=12.2), 429, "13 秒"),
])
def test_drf_errors_get_a_chinese_sentence(exc, status, text):
    request = RequestFactory().get("/api/v1/me/")

    response = api_exception_handler(exc, {"request": request, "view": None})

    assert response.status_code == status
    assert text in response.data["detail"]


def test_a_message_the_view_chose_is_kept():
    response = api_exception_handler(exceptions.PermissionDenied("只有专班办公室可以办理拨付"), {})

    assert response.data["detail"] == "只有专班办公室可以办理拨付"


@pytest.mark.django_db
def test_an_anonymous_api_call_is_401_in_chinese():
    response = APIClient().get(reverse("api-me"))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert "登录" in response.json()["detail"]


def test_an_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_500_page_renders_without_a_request_or_database(rf):
    from django.template import loader

    html = loader.get_template("500.html").render()

    assert "服务器内部错误" in html


def test_the_400_page_is_chinese_in_the_base_layout():
    from django.template import loader

    html = loader.get_template("400.html").render()

    assert "请求有误" in html and "topbar" in html


def test_an_api_server_error_is_json_in_chinese(rf):
    from jineng.core.views import server_error

    response = server_error(rf.get("/api/v1/subsidies/claims/"))

    assert response.status_code == 500
    assert "服务器内部错误" in response.content.decode()
