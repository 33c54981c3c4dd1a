"""``attempt``: one domain call for a page; a refusal becomes a form error, a message, the 403 or the 404 page."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jineng.core.exceptions import DomainError, ImportRejected, InvalidState, NotAllowed, RecordNotFound
from jineng.core.views import attempt


@pytest.fixture
def request_(rf):
    request = rf.post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _raise(exc):
    def call():
        raise exc

    return call


def test_success_returns_the_value_and_flashes_the_message(request_):
    done = attempt(request_, lambda: 42, success="已保存")

    assert done and done.value == 42
    assert [str(m) for m in get_messages(request_)] == ["已保存"]


def test_a_refusal_without_a_form_is_an_error_message(request_):
    done = attempt(request_, _raise(InvalidState("该申请已审核")), success="已保存")

    assert not done and done.error == "该申请已审核"
    assert [(m.level_tag, str(m)) for m in get_messages(request_)] == [("error", "该申请已审核")]


def test_a_refusal_with_a_form_is_an_error_on_the_named_field(request_):
    class Form(forms.Form):
        name = forms.CharField()

    form = Form({"name": "x"})
    form.is_valid()

    done = attempt(request_, _raise(DomainError("名称已存在")), form=form, field="name")

    assert not done
    assert form.errors == {"name": ["名称已存在"]}
    assert list(get_messages(request_)) == []


def test_a_refused_file_keeps_its_row_errors(request_):
    done = attempt(request_, _raise(ImportRejected(["第 2 行“金额”不是数字"])), flash=False)

    assert done.errors == ("第 2 行“金额”不是数字",)
    assert list(get_messages(request_)) == []


def test_not_allowed_is_the_403_page_and_not_found_the_404_page(request_):
    with pytest.raises(PermissionDenied, match="您无权审核该申请"):
        attempt(request_, _raise(NotAllowed("您无权审核该申请")))
    with pytest.raises(Http404):
        attempt(request_, _raise(RecordNotFound("申请不存在")))
