"""The demo's bodies and groups: both partnerships have their general assembly, a council with a
current three-year term and a past one, an office and their groups with leaders and members; past
meetings with minutes and decisions and a coming one; products in every state, published ones in
the public library; the demo partner leads a group with work to do; a second run adds nothing."""

import pytest
from django.utils import timezone

from kierunek.accounts import demo as accounts_demo
from kierunek.accounts.models import User
from kierunek.partnership import demo, demo_bodies, selectors_bodies
from kierunek.partnership.models import Body, BodyMeeting, Decision, Partnership, Product

pytestmark = pytest.mark.django_db


def test_the_demo_gives_both_partnerships_bodies_with_real_work(monkeypatch):
    monkeypatch.setitem(accounts_demo.GENERATED_PARTICIPANTS, "small", 0)
    list(accounts_demo.seed(size="small"))
    assert len(list(demo.seed(size="small"))) == demo.planned("small")
    counts = (
        Body.objects.count(),
        BodyMeeting.objects.count(),
        Decision.objects.count(),
        Product.objects.count(),
    )
    list(demo.seed(size="small"))
    assert (
        Body.objects.count(),
        BodyMeeting.objects.count(),
        Decision.objects.count(),
        Product.objects.count(),
    ) == counts

    today = timezone.localdate()
    for partnership in Partnership.objects.filter(code__in=demo_bodies.BODIES):
        bodies = selectors_bodies.bodies_of(partnership=partnership)
        kinds = {body.kind for body in bodies}
        assert {"general_assembly", "council", "office"} <= kinds
        assert kinds & {"task_group", "working_group"}
        council = next(body for body in bodies if body.kind == "council")
        term = selectors_bodies.current_term(body=council)
        assert term is not None
        assert term.ends_on.year - term.starts_on.year == 3
        assert council.terms.count() == 2
        assert len(selectors_bodies.members_sitting(body=council)) == 8
        assert selectors_bodies.members_past(body=council)
        for group in (body for body in bodies if body.is_group):
            assert selectors_bodies.members_sitting(body=group)[0].function == "leader"
        assert selectors_bodies.published_products(partnership=partnership)

    assert Body.objects.get(name="Rada Partnerów").meetings_per_year == 2
    assert {p.status for p in Product.objects.all()} == {"draft", "in_review", "approved", "published"}
    assert BodyMeeting.objects.exclude(minutes="").exists()
    assert BodyMeeting.objects.filter(event__starts_at__gt=timezone.now()).exists()
    assert Decision.objects.filter(adopted_on__lte=today).count() == Decision.objects.count()

    partner = User.objects.get(email="partner@kierunek.example")
    kept = selectors_bodies.bodies_kept_by(user=partner)
    assert [body.name for body in kept] == [demo_bodies.DEMO_PARTNER_GROUP]
    assert kept[0].products.filter(status="draft").exclude(review_comment="").exists()
    assert kept[0].meetings.filter(minutes="", event__starts_at__lt=timezone.now()).exists()
