"""Load demo data for trying the programme out: `manage.py seed_demo [--size small|large]`.
Idempotent: running it again adds nothing that is already there."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

# Each module has planned(size) -> int and seed(*, size) yielding once per unit of work.
# Order matters: later contexts build on earlier ones' demo data.
SEEDERS = [
    "kierunek.accounts.demo",
    "kierunek.providers.demo",
    "kierunek.catalogue.demo",
    "kierunek.programmes.demo",
    "kierunek.guidance.demo",
    "kierunek.evaluations.demo",  # runs kierunek.vouchers.demo with its evaluation step
]


class Command(BaseCommand):
    help = "Load demo data (users for every role, participants, and each context's examples)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "large"], default="small")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, size: str, no_progress: bool, **options: Any) -> None:
        if not settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES:
            raise CommandError("Demo data has published passwords and is refused by these settings.")
        modules = [import_module(name) for name in SEEDERS]
        total = sum(module.planned(size) for module in modules)
        with tqdm(total=total, desc="Demo data", unit="item", disable=no_progress, file=self.stderr) as bar:
            for module in modules:
                for _unit in module.seed(size=size):
                    bar.update(1)
        self.print_logins()

    def print_logins(self) -> None:
        from kierunek.accounts.demo import demo_logins

        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS("Demo logins: role, e-mail, password (and the TOTP secret of staff accounts)")
        )
        for login in demo_logins():
            line = f"  {login.role:<19} {login.email:<34} {login.password}"
            if login.totp_secret:
                line += f"   TOTP secret {login.totp_secret}"
            self.stdout.write(line)
        self.stdout.write(
            "Staff log in with a second factor: add the TOTP secret to an authenticator app, "
            "or run `make totp` for the current codes."
        )
