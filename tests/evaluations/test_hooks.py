"""Evaluations sits above vouchers: it adds its links to vouchers' pages through the hooks vouchers
offers, registered in ``EvaluationsConfig.ready()``; every registered link leads to a page."""

from django.urls import reverse

from kierunek.vouchers import hooks


def test_evaluations_registers_its_links_on_vouchers_pages():
    ours = [link.key for link in hooks.BOOKING_LINKS if link.url_name.startswith("evaluations:")]
    assert ours == ["rate", "outcome_survey"]
    assert [item.key for item in hooks.PROVIDER_NAV] == ["ratings"]


def test_every_registered_link_resolves():
    for link in hooks.BOOKING_LINKS:
        assert reverse(link.url_name, args=[1])
    for item in hooks.PROVIDER_NAV:
        assert reverse(item.url_name)


def test_registering_again_adds_nothing():
    before = (list(hooks.BOOKING_LINKS), list(hooks.PROVIDER_NAV))
    from kierunek.evaluations.vouchers_hooks import vouchers_hooks_register

    vouchers_hooks_register()

    assert (list(hooks.BOOKING_LINKS), list(hooks.PROVIDER_NAV)) == before
