"""The newsletter's forms: subscribing (with the consent's wording and its version), the
preferences, and the office's issue, schedule, topic and wording forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm

from .models import Audience, Topic


def _topic_field(*, offered_only: bool = True) -> forms.ModelMultipleChoiceField:
    topics = Topic.objects.filter(offered=True) if offered_only else Topic.objects.all()
    return forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=topics,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )


class PreferencesForm(PlainTextForm):
    audience = forms.ChoiceField(label=_("Who you are"), choices=Audience.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"] = _topic_field()

    def topic_ids(self) -> list[int]:
        return [topic.pk for topic in self.cleaned_data["topics"]]


class SubscribeForm(PreferencesForm):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    consent = forms.BooleanField(
        label=_("I agree to receive the newsletter as the text above says."),
        error_messages={"required": _("The newsletter is sent only with your consent.")},
    )
    wording_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    field_order = ["email", "audience", "topics", "consent"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class IssueForm(PlainTextForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Plain text. A blank line starts a paragraph; # starts a heading; - starts a list item; "
            "**bold**, _italic_; addresses starting with https:// become links."
        ),
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("Everyone")), *Audience.choices], required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"] = _topic_field(offered_only=False)


class ScheduleForm(PlainTextForm):
    scheduled_for = forms.DateTimeField(
        label=_("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class TopicForm(PlainTextForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.SlugField(label=_("Short name (in addresses and exports)"), max_length=50)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0)
    offered = forms.BooleanField(label=_("Offered to subscribers"), required=False, initial=True)


class WordingForm(PlainTextForm):
    text = forms.CharField(label=_("Text of the consent"), widget=forms.Textarea(attrs={"rows": 6}))


class SearchForm(PlainTextForm):
    q = forms.CharField(label=_("E-mail address contains"), required=False, max_length=254)
