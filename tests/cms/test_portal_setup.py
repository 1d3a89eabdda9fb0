"""The portal is set up by a command on a new installation and after an upgrade: a second run
makes nothing twice, and a permission a group lacks (as groups made by an older version lack the
images' permissions) is given back."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, Page

from kierunek.cms.editors import OFFICE_GROUP
from kierunek.cms.models import SectionPage

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("portal_setup", stdout=out)
    return out.getvalue()


def test_a_second_run_makes_nothing_twice():
    assert "4" in run()
    counts = (Page.objects.count(), Group.objects.count(), GroupCollectionPermission.objects.count())
    run()
    assert (Page.objects.count(), Group.objects.count(), GroupCollectionPermission.objects.count()) == counts
    assert SectionPage.objects.count() == 4


def test_an_upgrade_gives_back_the_images_permissions():
    run()
    office = Group.objects.get(name=OFFICE_GROUP)
    lost = GroupCollectionPermission.objects.filter(
        group=office, permission__content_type__app_label="wagtailimages"
    )
    assert lost.count() == 3
    lost.delete()
    run()
    assert set(
        GroupCollectionPermission.objects.filter(
            group=office, permission__content_type__app_label="wagtailimages"
        ).values_list("permission__codename", flat=True)
    ) == {"add_image", "change_image", "choose_image"}
