"""Load demo data for trying the programme out: `manage.py seed_demo [--size small|large]`.
Idempotent: running it again adds nothing that is already there."""

from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import module_has_submodule
from tqdm import tqdm

from kierunek.accounts.demo import demo_logins


def seeders() -> list[ModuleType]:
    """Each context's ``demo`` module, which has ``planned(size) -> int`` and ``seed(*, size)``
    yielding once per unit of work. Order matters (later contexts build on earlier ones' demo
    data), and it is the order of INSTALLED_APPS, which lists the contexts from the bottom of the
    layering up: a context's demo finds the data of every context it may import already there."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kierunek.") or config.module is None:
            continue
        if not module_has_submodule(config.module, "demo"):
            continue
        module = import_module(f"{config.name}.demo")
        if hasattr(module, "planned") and hasattr(module, "seed"):
            modules.append(module)
    # A higher context's demo may run a lower one's with its own steps (evaluations runs the
    # vouchers demo and evaluates as it goes): the lower one then does not run on its own.
    replaced = {name for module in modules for name in getattr(module, "REPLACES", ())}
    return [module for module in modules if module.__name__ not in replaced]


class Command(BaseCommand):
    help = "Load demo data (users for every role, participants, and each context's examples)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=["small", "large"], default="small")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args: Any, size: str, no_progress: bool, **options: Any) -> None:
        if not settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES:
            raise CommandError("Demo data has published passwords and is refused by these settings.")
        modules = seeders()
        total = sum(module.planned(size) for module in modules)
        with tqdm(total=total, desc="Demo data", unit="item", disable=no_progress, file=self.stderr) as bar:
            for module in modules:
                for _unit in module.seed(size=size):
                    bar.update(1)
        self.print_logins()

    def print_logins(self) -> None:
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
