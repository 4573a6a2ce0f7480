import pytest
from django.core.management import call_command

from augenhoehe.accounts.models import User
from augenhoehe.directory.models import Organisation


@pytest.mark.django_db
def test_demo_loads_once_and_keeps_data_on_a_second_run(capsys):
    call_command("demo", no_serve=True)
    first = capsys.readouterr().out
    Organisation.objects.filter(pk=Organisation.objects.first().pk).update(name="Von Hand geändert")

    call_command("demo", no_serve=True)
    second = capsys.readouterr().out

    assert "150" in first
    assert "gt-koordination" in second
    assert Organisation.objects.count() == 150
    assert Organisation.objects.filter(name="Von Hand geändert").exists()
    assert Organisation.objects.filter(kind="umbrella", members__isnull=False).distinct().count() >= 4
    assert User.objects.get(username="gt-koordination").check_password("augenhoehe-demo")


@pytest.mark.django_db
def test_the_demo_mso_login_represents_a_demo_organisation_and_lands_in_its_space(capsys):
    from django.test import Client
    from django.urls import reverse

    from augenhoehe.accounts.selectors import user_networks
    from augenhoehe.directory.models import Representation

    call_command("demo", no_serve=True)
    printed = capsys.readouterr().out
    representation = Representation.objects.select_related("organisation").get(user__username="mso-mitglied")
    assert representation.role == "admin"
    assert representation.organisation.name in printed
    response = Client().post(
        reverse("accounts:login"), {"username": "mso-mitglied", "password": "augenhoehe-demo"}, follow=True
    )
    # Into the organisation's own space (issue 14, point 1).
    assert response.redirect_chain[-1] == (reverse("space:space", args=[representation.organisation.pk]), 302)
    both = User.objects.get(username="beide-koordination")
    assert len(user_networks(user=both)) == 2
    assert "beide-koordination" in printed


@pytest.mark.django_db
def test_a_demo_network_admin_is_led_to_set_up_a_second_factor_not_locked_out(capsys):
    from django.test import Client
    from django.urls import reverse

    call_command("demo", no_serve=True)
    assert "zweiten Faktor" in capsys.readouterr().out
    response = Client().post(
        reverse("accounts:login"), {"username": "gt-admin", "password": "augenhoehe-demo"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:totp_setup") + "?next=")


@pytest.mark.parametrize("existing", ["user", "network", "organisation"])
def test_demo_creates_no_accounts_in_a_database_it_did_not_create(capsys, existing, organisation_factory):
    """Issue 9: on an existing database the demo created two admins and two coordinators with the
    published password, while printing "nichts überschrieben"."""
    from augenhoehe.core.models import DemoInstallation, Network
    from augenhoehe.testing.factories import NetworkFactory, UserFactory

    {
        "user": lambda: UserFactory(username="kaemmerer"),
        "network": lambda: NetworkFactory(name="KI Echtstadt"),
        "organisation": lambda: organisation_factory(name="Echter Verein"),
    }[existing]()
    users_before = set(User.objects.values_list("username", flat=True))

    call_command("demo", no_serve=True)
    out, err = capsys.readouterr()

    assert set(User.objects.values_list("username", flat=True)) == users_before
    assert not User.objects.filter(username__in=["gt-admin", "do-admin", "gt-koordination"]).exists()
    assert not Network.objects.filter(slug="ki-guetersloh").exists()
    assert Organisation.objects.count() == (1 if existing == "organisation" else 0)
    assert not DemoInstallation.objects.exists()
    assert "keine Demo-Zugänge" in err and "augenhoehe-demo" not in out + err
    assert "nichts überschrieben" not in out


@pytest.mark.django_db
def test_demo_marks_the_database_it_created_and_says_so(capsys):
    from augenhoehe.core.models import DemoInstallation

    call_command("demo", no_serve=True)
    assert "Neue Demo-Datenbank angelegt" in capsys.readouterr().out
    assert DemoInstallation.objects.count() == 1

    call_command("demo", no_serve=True)  # its own database: the demo goes on, nothing doubled
    out = capsys.readouterr().out
    assert "Neue Demo-Datenbank" not in out and "nichts überschrieben" in out
    assert DemoInstallation.objects.count() == 1
