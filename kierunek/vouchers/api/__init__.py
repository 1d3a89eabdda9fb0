"""The JSON API of vouchers, one module per audience: participants and provider staff share the
router mounted at /api/v1/vouchers/, financial operators and officers the one at
/api/v1/vouchers-office/ (``config/api.py`` mounts both)."""

from ninja import Router

from . import contributions, office, office_files, officer, participant, provider, statements

router = Router()
router.add_router("", participant.router)
router.add_router("", provider.router)
router.add_router("", contributions.router)

office_router = Router()
office_router.add_router("", office.router)
office_router.add_router("", office_files.router)
office_router.add_router("", officer.router)
office_router.add_router("", statements.router)
office_router.add_router("", contributions.office_router)

__all__ = ["office_router", "router"]
