"""The one DRF exception handler: domain refusals and DRF's own errors become ``{"detail", "code"}`` JSON.

Set as ``REST_FRAMEWORK["EXCEPTION_HANDLER"]``. A domain exception carries its status (400 / 403 / 404 / 409);
DRF's validation, authentication, permission, not-found and throttling errors keep theirs (400 / 401 / 403 /
404 / 429) with a Chinese sentence where DRF would give its generic English one. Validation errors keep their
per-field shape (``{"field": ["…"]}``) so a client can show each message beside its field.
"""

import math

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from jineng.core.exceptions import DomainError
from jineng.core.messages import message_text


def _generic_messages() -> dict[type[exceptions.APIException], str]:
    return {
        exceptions.NotAuthenticated: _("请先登录或提供有效的令牌"),
        exceptions.AuthenticationFailed: _("登录信息无效或令牌已过期"),
        exceptions.PermissionDenied: _("您的角色无权执行此操作"),
        exceptions.NotFound: _("记录不存在，或您无权查看"),
        exceptions.MethodNotAllowed: _("此地址不支持该请求方法"),
        exceptions.NotAcceptable: _("无法按请求的格式返回"),
        exceptions.UnsupportedMediaType: _("不支持的请求内容类型"),
        exceptions.ParseError: _("请求内容无法解析"),
    }


def _domain_response(exc: DomainError) -> Response:
    errors = [message_text(error) if isinstance(error, str) else error for error in getattr(exc, "errors", None) or []]
    texts = [error for error in errors if isinstance(error, str)]
    detail = _("；").join(texts[:20]) + ("……" if len(texts) > 20 else "") if texts and len(texts) == len(errors) \
        else message_text(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else str(exc)
    body = {"detail": detail, "code": exc.code}
    if errors:
        body["errors"] = errors
    return Response(body, status=exc.status_code)


def _chinese(exc: exceptions.APIException) -> exceptions.APIException:
    """Replace DRF's default (generic) sentence by ours; a message a view chose stays as it is."""
    if isinstance(exc, exceptions.Throttled):
        text = (_("请求过于频繁，请 %(seconds)d 秒后再试") % {"seconds": math.ceil(exc.wait)} if exc.wait
                else _("请求过于频繁，请稍后再试"))
        exc.detail = exceptions.ErrorDetail(text, code="throttled")
        return exc
    text = _generic_messages().get(type(exc))
    # These put a method, a type or the token library's English sentence where ours belongs.
    worded_by_drf = exceptions.MethodNotAllowed | exceptions.UnsupportedMediaType | exceptions.AuthenticationFailed
    generic = isinstance(exc, worded_by_drf) or str(exc.detail) == str(type(exc).default_detail)
    if text and generic:
        exc.detail = exceptions.ErrorDetail(text, code=exc.default_code)
    return exc


def api_exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return _domain_response(exc)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound(str(exc) if str(exc) and not isinstance(exc, ObjectDoesNotExist) else None)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.APIException):
        exc = _chinese(exc)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data.setdefault("code", getattr(exc.detail, "code", None) or exc.default_code)
    return response
