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
def test_the_demo_mso_login_represents_a_demo_organisation_and_lands_on_it(capsys):
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
    assert response.redirect_chain[-1] == (representation.organisation.get_absolute_url(), 302)
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
