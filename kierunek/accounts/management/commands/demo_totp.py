"""Print the current two-factor codes of the demo staff accounts, for trying the demo without a
phone. Refused by settings that refuse demo devices (production)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from kierunek.accounts.demo import demo_logins
from kierunek.accounts.domain import demo_totp_key


class Command(BaseCommand):
    help = "Show the current TOTP codes of the demo staff accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES:
            raise CommandError("These settings refuse demo two-factor devices.")
        for login in demo_logins():
            if login.totp_secret:
                code = totp(bytes.fromhex(demo_totp_key(login.email)))
                self.stdout.write(f"{login.role:<19} {login.email:<34} {code:06d}")
