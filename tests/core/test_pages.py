"""The pages' one step after a button or a form: call the service, show its refusal or a success
message, redirect (kierunek.core.pages)."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory

from kierunek.core.pages import act, form_saved, refusal_messages, submit
from kierunek.core.validators import clean_iban, clean_nip, clean_regon


def _request(method: str = "post", data: dict | None = None):
    request = getattr(RequestFactory(), method)("/", data or {})
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _flashed(request) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


class NameForm(forms.Form):
    name = forms.CharField()


def _refuse(error: Exception):
    def action(*args):
        raise error

    return action


def test_act_flashes_the_success_and_redirects():
    request = _request()
    response = act(request, lambda: 7, success="Done.", done="/next/")
    assert response.status_code == 302
    assert response.url == "/next/"
    assert _flashed(request) == [("success", "Done.")]


def test_act_flashes_every_message_of_a_refusal_and_goes_where_refusals_go():
    request = _request()
    response = act(
        request, _refuse(ValidationError(["One.", "Two."])), success="Done.", done="/next/", refused="/back/"
    )
    assert response.url == "/back/"
    assert _flashed(request) == [("error", "One."), ("error", "Two.")]


def test_act_done_may_depend_on_the_result():
    request = _request()
    response = act(request, lambda: 7, success=lambda n: f"{n} saved.", done=lambda n: f"/item/{n}/")
    assert response.url == "/item/7/"
    assert _flashed(request) == [("success", "7 saved.")]


def test_act_a_missing_object_is_404_and_a_denial_is_not_a_refusal_unless_asked():
    with pytest.raises(Http404):
        act(_request(), _refuse(ObjectDoesNotExist()), success="", done="/")
    with pytest.raises(PermissionDenied):
        act(_request(), _refuse(PermissionDenied("No.")), success="", done="/")
    request = _request()
    act(
        request,
        _refuse(PermissionDenied()),
        success="",
        done="/",
        refusals=(ValidationError, PermissionDenied),
    )
    assert _flashed(request) == [("error", str(refusal_messages(PermissionDenied())[0]))]


def test_submit_renders_on_get_and_on_an_invalid_form():
    assert submit(_request("get"), NameForm(), lambda data: None, success="Saved.", done="/") is None
    form = NameForm({})
    assert submit(_request(), form, lambda data: None, success="Saved.", done="/") is None
    assert "name" in form.errors


def test_submit_puts_the_services_refusal_on_the_form():
    form = NameForm({"name": "x"})
    refusal = ValidationError({"name": "Taken.", "other": "Elsewhere."})
    assert submit(_request(), form, _refuse(refusal), success="Saved.", done="/") is None
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Elsewhere."]


def test_submit_redirects_with_the_success_message():
    request = _request()
    response = submit(request, NameForm({"name": "x"}), lambda data: data["name"], success=None, done="/ok/")
    assert response is not None
    assert response.url == "/ok/"
    assert _flashed(request) == []


def test_form_saved_says_whether_it_saved():
    request = _request()
    assert form_saved(request, NameForm({"name": "x"}), lambda data: 3, success="Saved.") == (True, 3)
    assert form_saved(request, NameForm(), lambda data: 3) == (False, None)
    assert _flashed(request) == [("success", "Saved.")]


def test_the_cleaned_identifiers_are_normalized_and_checked():
    assert clean_nip("PL 526-000-12-46") == "5260001246"
    assert clean_regon("012 345 675") == "012345675"
    assert clean_iban("pl61 1090 1014 0000 0712 1981 2874") == "PL61109010140000071219812874"
    with pytest.raises(ValidationError):
        clean_nip("526-000-12-47")


def test_act_may_show_a_refusal_as_one_message():
    request = _request()
    act(request, _refuse(ValidationError(["One.", "Two."])), success="Done.", done="/", joined=True)
    assert _flashed(request) == [("error", "One. Two.")]
