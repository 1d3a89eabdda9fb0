from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kierunek.core.forms import PlainTextForm
from kierunek.core.money import Money
from kierunek.geo.models import Gmina
from kierunek.providers.forms import GminaChoiceField

from .domain import CardInput, SessionInput
from .hooks import qualification_register
from .models import Category, DeliveryForm, ServiceCard, ServiceType


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Category) -> str:
        return f"— {obj.name}" if obj.parent_id else obj.name


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PriceField(forms.DecimalField):
    """A price in złoty as people write it (1234,50); the card stores grosze."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=Decimal(0), max_digits=10, decimal_places=2, localize=True, **kwargs)


class ServiceCardForm(PlainTextForm):
    title = forms.CharField(label=_("Title"), max_length=250)
    category = CategoryChoiceField(label=_("Category"), queryset=Category.objects.none(), empty_label=None)
    service_type = forms.ChoiceField(label=_("Type of service"), choices=ServiceType.choices)
    delivery_form = forms.ChoiceField(label=_("Delivery form"), choices=DeliveryForm.choices)
    goal = forms.CharField(label=_("Educational goal"), widget=_area(3))
    learning_outcomes = forms.CharField(
        label=_("Learning outcomes"),
        widget=_area(5),
        help_text=_(
            "What participants will know and be able to do afterwards: knowledge, skills, social competences."
        ),
    )
    programme = forms.CharField(label=_("Programme (agenda)"), widget=_area(6))
    target_group = forms.CharField(label=_("Target group"), widget=_area(2))
    participation_conditions = forms.CharField(
        label=_("Conditions of participation"), required=False, widget=_area(2)
    )
    technical_requirements = forms.CharField(
        label=_("Technical requirements (remote forms)"),
        required=False,
        widget=_area(2),
        help_text=_("Required for remote services: equipment, software, internet connection."),
    )
    hours = forms.DecimalField(
        label=_("Total hours"),
        min_value=Decimal("0.5"),
        max_digits=6,
        decimal_places=1,
        localize=True,
        help_text=_(
            "The hours your sessions give: the programme's rule says how long an hour is and which "
            "breaks do not count."
        ),
    )
    gmina = GminaChoiceField(
        label=_("Gmina where it takes place"),
        queryset=Gmina.objects.none(),
        required=False,
        empty_label=_("— remote, or outside Małopolska —"),
    )
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    outside_region_address = forms.CharField(
        label=_("Address outside Małopolska"), max_length=250, required=False
    )
    price_net = PriceField(label=_("Price net per participant (zł)"))
    price_gross = PriceField(label=_("Price gross per participant (zł)"))
    min_participants = forms.IntegerField(label=_("Minimum participants"), min_value=1, initial=1)
    max_participants = forms.IntegerField(label=_("Maximum participants"), min_value=1)
    enrolment_deadline = forms.DateField(label=_("Enrolment deadline"), widget=_date())
    market_qualification = forms.CharField(
        label=_("Linked market qualification (optional)"), max_length=250, required=False
    )
    qualification_code = forms.ChoiceField(
        label=_("Qualification in the register (exams and trainings)"),
        required=False,
        help_text=_(
            "An exam that certifies a qualification of the register: choose it, so that people find it."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.order_by("position")  # type: ignore[attr-defined]
        self.fields["gmina"].queryset = Gmina.objects.select_related("powiat")  # type: ignore[attr-defined]
        choices = qualification_register.choices()
        current = str(self.initial.get("qualification_code") or "")
        if current and current not in dict(choices):  # a code the register no longer has stays visible
            choices = [(current, current), *choices]
        self.fields["qualification_code"].choices = [("", _("— none —")), *choices]  # type: ignore[attr-defined]
        if not qualification_register.provided:
            del self.fields["qualification_code"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        net, gross = data.get("price_net"), data.get("price_gross")
        if net is not None and gross is not None and gross < net:
            self.add_error("price_gross", _("The gross price cannot be lower than the net price."))
        low, high = data.get("min_participants"), data.get("max_participants")
        if low is not None and high is not None and high < low:
            self.add_error(
                "max_participants",
                _("The maximum cannot be lower than the minimum number of participants."),
            )
        return data

    @classmethod
    def initial_from(cls, card: ServiceCard) -> dict[str, Any]:
        return {
            **{name: getattr(card, name) for name in cls.base_fields if hasattr(card, name)},
            "price_net": Money(card.price_net).to_decimal(),
            "price_gross": Money(card.price_gross).to_decimal(),
        }


class SessionForm(PlainTextForm):
    date = forms.DateField(label=_("Date"), widget=_date())
    start_time = forms.TimeField(
        label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(label=_("End"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Place or link"), max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start is not None and end is not None and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return data


SessionFormSet = forms.formset_factory(
    SessionForm, extra=2, can_delete=True, min_num=1, validate_min=True, max_num=60
)


def card_input_from(form: ServiceCardForm, sessions: Any) -> CardInput:
    data = form.cleaned_data
    return CardInput(
        title=data["title"],
        category_code=data["category"].code,
        service_type=data["service_type"],
        delivery_form=data["delivery_form"],
        goal=data["goal"],
        learning_outcomes=data["learning_outcomes"],
        programme=data["programme"],
        target_group=data["target_group"],
        participation_conditions=data["participation_conditions"],
        technical_requirements=data["technical_requirements"],
        hours=data["hours"],
        gmina_teryt=data["gmina"].teryt if data["gmina"] else "",
        street=data["street"],
        outside_region_address=data["outside_region_address"],
        price_net=Money.from_pln(data["price_net"]).grosze,
        price_gross=Money.from_pln(data["price_gross"]).grosze,
        min_participants=data["min_participants"],
        max_participants=data["max_participants"],
        enrolment_deadline=data["enrolment_deadline"],
        market_qualification=data["market_qualification"],
        qualification_code=data.get("qualification_code") or "",
        sessions=tuple(
            SessionInput(s["date"], s["start_time"], s["end_time"], s["place"])
            for s in sessions.cleaned_data
            if s and not s.get("DELETE")
        ),
    )


class CancelForm(PlainTextForm):
    reason = forms.CharField(label=_("Why is the service cancelled?"), widget=_area(2))


class ImportForm(PlainTextForm):
    file = forms.FileField(
        label=_("File with services (CSV or JSON)"),
        help_text=_("UTF-8. At most 2 000 services and 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json"}),
    )
    layout = forms.ChoiceField(
        label=_("Layout of the file"),
        required=False,
        initial="",
        choices=[
            ("", _("Detect it from the file")),
            ("kierunek", _("Our columns, as our export writes them (CSV or JSON)")),
            ("bur", _("BUR's layout: services as the national register's API gives them (JSON)")),
        ],
        widget=forms.RadioSelect,
    )
