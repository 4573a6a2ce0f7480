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
