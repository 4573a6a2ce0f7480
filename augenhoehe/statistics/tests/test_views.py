"""The statistics pages for every role, the upload form (all or nothing, errors at the field),
and the table page's figures in German."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from augenhoehe.statistics.models import StatisticsTable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 200),
    ],
)
def test_the_list_is_for_staff_of_a_network(client_for, role, status):
    response = client_for(role).get(reverse("statistics:list"))
    assert response.status_code == status
    if role == "anonymous":
        assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("mso_member", 403),
        ("coordinator", 200),
        ("network_admin", 200),
        ("other_coordinator", 404),
    ],
)
def test_a_table_is_for_its_networks_staff_only(client_for, table, role, status):
    assert client_for(role).get(table.get_absolute_url()).status_code == status


def test_another_networks_staff_do_not_see_the_table_in_their_list(client_for, table):
    assert (
        "MSO je Bundesland"
        not in client_for("other_coordinator").get(reverse("statistics:list")).content.decode()
    )
    assert "MSO je Bundesland" in client_for("coordinator").get(reverse("statistics:list")).content.decode()


def test_the_list_reads_a_fixed_number_of_queries(client_for, table, django_assert_max_num_queries):
    client = client_for("coordinator")
    client.get(reverse("statistics:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("statistics:list"))


def test_the_table_shows_the_print_and_the_computed_figures_in_german(client_for, table):
    page = client_for("coordinator").get(table.get_absolute_url()).content.decode()
    assert '<th scope="col">Anzahl 2019</th>' in page
    assert '<th scope="row">Mecklenburg-Vorpommern</th>' in page
    assert "<caption" in page
    assert "750–2.500*" in page
    assert "17.414" in page
    assert "29,2 %" in page
    assert "13 (geteilt)" in page
    assert "Standard-Wettbewerbsrang" in page
    assert "Bereiche (z. B. 750–2.500) sind wie gedruckt übernommen" in page
    assert "Veränderung 2001 bis 2016" in page
    assert "+2.926" in page  # NRW 2001 → 2016: 5,078 − 2,152
    assert "stimmt mit der gedruckten Summe überein" in page


def upload(client, content: bytes, title: str = "MSO", name: str = "mso.csv"):
    return client.post(
        reverse("statistics:list"), {"title": title, "source": "", "file": SimpleUploadedFile(name, content)}
    )


def test_an_upload_imports_the_table_and_shows_it(client_for, network, printed_table):
    response = upload(client_for("coordinator"), printed_table, name="mso.tsv")
    with scopes_disabled():
        table = StatisticsTable.objects.get()
    assert table.network == network
    assert response.status_code == 302 and response["Location"] == table.get_absolute_url()


def test_a_bad_cell_is_shown_at_the_file_field_and_nothing_is_saved(client_for, printed_table):
    response = upload(client_for("coordinator"), printed_table.replace(b"\t231\t", b"\tabc\t"))
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert any("Zeile 11" in e and "Spalte B" in e for e in errors), errors
    assert 'href="#id_file"' in response.content.decode()
    with scopes_disabled():
        assert not StatisticsTable.objects.exists()


def test_a_missing_title_is_shown_at_its_field(client_for, printed_table):
    response = upload(client_for("coordinator"), printed_table, title="")
    assert response.status_code == 400
    assert "title" in response.context["form"].errors


def test_an_mso_member_cannot_upload(client_for, printed_table):
    assert upload(client_for("mso_member"), printed_table).status_code == 403
