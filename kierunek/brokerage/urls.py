"""Pages of brokerage under /posrednictwo/: the participant's (moje/), the broker's (broker/) and
the office's (biuro/)."""

from django.urls import path

from .views import broker, office, participant

app_name = "brokerage"

urlpatterns = [
    path("posrednictwo/moje/", participant.mine, name="mine"),
    path("posrednictwo/moje/<int:mandate_id>/odwolaj/", participant.revoke, name="revoke"),
    path("posrednictwo/propozycje/<int:proposal_id>/potwierdz/", participant.confirm, name="confirm"),
    path("posrednictwo/propozycje/<int:proposal_id>/odrzuc/", participant.decline, name="decline"),
    path("posrednictwo/broker/", broker.broker, name="broker"),
    path("posrednictwo/broker/pelnomocnictwa/<int:mandate_id>/", broker.mandate, name="mandate"),
    path("posrednictwo/broker/pelnomocnictwa/<int:mandate_id>/zaproponuj/", broker.propose, name="propose"),
    path(
        "posrednictwo/broker/pelnomocnictwa/<int:mandate_id>/rezerwacje/<int:booking_id>/anuluj/",
        broker.cancel,
        name="cancel",
    ),
    path(
        "posrednictwo/broker/pelnomocnictwa/<int:mandate_id>/portfolio/", broker.portfolio, name="portfolio"
    ),
    path("posrednictwo/broker/propozycje/<int:proposal_id>/wycofaj/", broker.withdraw, name="withdraw"),
    path("posrednictwo/broker/rejestracja/", broker.register, name="register"),
    path("posrednictwo/broker/rejestracje/<int:registration_id>/list/", broker.letter, name="letter"),
    path("posrednictwo/broker/rejestracje/<int:registration_id>/zgoda/", broker.consent, name="consent"),
    path("posrednictwo/biuro/sygnaly/", office.overview, name="signals"),
    path("posrednictwo/biuro/sygnaly/<int:broker_id>/", office.broker_signals, name="broker_signals"),
    path(
        "posrednictwo/biuro/sygnaly/kampanie/<int:campaign_id>/",
        office.campaign_signals,
        name="campaign_signals",
    ),
    path("posrednictwo/biuro/progi/", office.thresholds, name="thresholds"),
]
