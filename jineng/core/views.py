"""What every module's views share: login and a rule about the user (403 otherwise); one domain call whose
refusal becomes a message or a form error; query parameters; the error pages (JSON under ``/api/``)."""

from collections.abc import Callable
from functools import wraps
from typing import Any, NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import defaults

from jineng.core.exceptions import DomainError, NotAllowed, RecordNotFound
from jineng.core.messages import message_text

FORBIDDEN = gettext_lazy("您的角色无权访问此页面")


def require(rule: Callable[..., bool], message: str = FORBIDDEN):
    """Decorate a view: the user must be logged in and ``rule(user)`` true; a failing rule is a 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class Attempt(NamedTuple):
    """What ``attempt`` returns: ``ok`` is false when the domain refused (the refusal is already shown)."""

    ok: bool
    value: Any = None
    error: str = ""
    errors: tuple[str, ...] = ()  # a refused file's row errors (``ImportRejected.errors``), else the one message

    def __bool__(self) -> bool:
        return self.ok


def attempt(request, call: Callable[[], Any], *, form=None, field: str | None = None, success: str = "",
            flash: bool = True) -> Attempt:
    """Make one domain call for a page. A refusal the user may act on becomes an error on ``form`` (on
    ``field``, or the form as a whole) or, without a form, a message (``flash=False``: only ``Attempt.error``);
    ``NotAllowed`` is the 403 page and ``RecordNotFound`` the 404 page. ``success`` is flashed on success."""
    try:
        value = call()
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    except RecordNotFound as exc:
        raise Http404(str(exc)) from exc
    except DomainError as exc:
        errors = tuple(message_text(e) if isinstance(e, str) else str(e)
                       for e in (getattr(exc, "errors", None) or [exc.args[0] if exc.args else str(exc)]))
        error = _("；").join(errors[:20]) + ("……" if len(errors) > 20 else "")
        if form is not None:
            form.add_error(field, error)
        elif flash:
            messages.error(request, error)
        return Attempt(False, error=error, errors=errors)
    if success:
        messages.success(request, success)
    return Attempt(True, value)


def int_param(request, name: str) -> int | None:
    """An integer query parameter; anything but 1–18 digits (beyond a database integer) is no filter."""
    value = request.GET.get(name, "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


def _json(body: dict, *, status: int) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request, exception):
    """``handler404``: the Chinese page, or under ``/api/`` the API's JSON (an unknown path or a malformed id)."""
    if _is_api(request):
        return _json({"detail": _("记录不存在，或您无权查看"), "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """``handler500``: ``500.html`` needs no request context and no database; JSON under ``/api/``."""
    if _is_api(request):
        return _json({"detail": _("服务器内部错误，请稍后再试"), "code": "server_error"}, status=500)
    return defaults.server_error(request)


def import_progress(request, job, *, template: str = "core/_import_progress.html", progress_url: str):
    """The htmx progress partial of a background import; once it has finished, htmx reloads the whole page."""
    if job.finished and request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, template, {"job": job, "progress_url": progress_url})
