"""The demo gives the office a newsletter to work on: topics, a few hundred confirmed subscribers
with their consent records, an archive of sent issues and a draft; the demo participant sees
their subscription; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.newsletter.models import ConsentRecord, Delivery, Issue, Subscriber, Topic
from kierunek.newsletter.selectors import reach, subscription_of

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_the_office_a_newsletter():
    run_seed()
    counts = (Subscriber.objects.count(), Issue.objects.count(), Delivery.objects.count())
    run_seed()
    assert (Subscriber.objects.count(), Issue.objects.count(), Delivery.objects.count()) == counts
    # Four topics; the education one is shared with the Forum Edukacji's demo, whichever runs first.
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        "bony",
        "partnerstwo",
        "wydarzenia",
        "edukacja",
    }
    assert reach().total >= 300
    assert ConsentRecord.objects.count() == 2 * Subscriber.objects.count()
    assert Issue.objects.filter(status="sent").count() == 3
    assert Issue.objects.filter(status="draft").count() == 1
    assert all(issue.deliveries.exists() for issue in Issue.objects.filter(status="sent"))
    from kierunek.accounts.models import User

    participant = User.objects.get(email="uczestnik@kierunek.example")
    assert subscription_of(user=participant).status == "confirmed"
