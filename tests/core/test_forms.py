"""Every form of the project takes only text a person could type (core.forms.PlainTextForm)."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps

from kierunek.accounts.models import User
from kierunek.core.forms import PlainTextForm
from kierunek.core.validators import CONTROL_CHARACTERS_MESSAGE
from tests.accounts.test_auth import registration_data


def _form_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("kierunek."):
            continue
        for name in ("forms",):
            try:
                module = importlib.import_module(f"{config.name}.{name}")
            except ModuleNotFoundError:
                continue
            yield module
            for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
                yield importlib.import_module(f"{module.__name__}.{info.name}")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_form_of_the_project_is_a_plain_text_form():
    list(_form_modules())
    ours = {c for c in _subclasses(forms.Form) if c.__module__.startswith("kierunek.")}
    assert len(ours) > 30
    assert sorted(c.__qualname__ for c in ours if not issubclass(c, PlainTextForm)) == []


@pytest.mark.django_db
def test_a_control_character_is_a_field_error_with_the_input_kept_and_nothing_written(client):
    response = client.post(
        "/rejestracja/", registration_data(first_name="Zo\x07fia", last_name="Kowal\x1bczyk")
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["first_name"] == [str(CONTROL_CHARACTERS_MESSAGE)]
    assert form.errors["last_name"] == [str(CONTROL_CHARACTERS_MESSAGE)]
    assert form["email"].value() == "zofia@test.example"
    assert not User.objects.filter(email="zofia@test.example").exists()


def test_passwords_are_taken_as_typed():
    class Login(PlainTextForm):
        name = forms.CharField()
        secret = forms.CharField(widget=forms.PasswordInput)

    form = Login(data={"name": "ok", "secret": "a\x07b"})
    assert form.is_valid(), form.errors
