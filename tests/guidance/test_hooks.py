"""The hooks through which a context above guidance adds what guidance shows: each is filled when
the apps are ready, by the context that owns the data (guidance never imports it)."""

from kierunek.guidance import hooks
from kierunek.vouchers import guidance_hooks


def test_vouchers_gives_guidance_the_vouchers_left():
    assert hooks._vouchers_left_provider is guidance_hooks.vouchers_left
