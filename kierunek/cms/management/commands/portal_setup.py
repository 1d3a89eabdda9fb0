"""Make the portal's page tree, its editors' groups and their permissions, and the moderation
workflow, wherever any of them is missing (:func:`kierunek.cms.tree.portal_tree_ensure`). Run it
after ``migrate`` on a new installation and after an upgrade: it gives existing groups the
permissions a newer version grants and changes nothing else."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from kierunek.cms.tree import portal_tree_ensure


class Command(BaseCommand):
    help = "Creates what is missing of the portal's page tree, editors' groups and moderation workflow."

    def handle(self, *args: Any, **options: Any) -> None:
        tree = portal_tree_ensure()
        self.stdout.write(
            _("The portal is ready: %(sections)d sections, the accessibility statement at %(url)s.")
            % {"sections": len(tree.sections), "url": tree.statement.url}
        )
