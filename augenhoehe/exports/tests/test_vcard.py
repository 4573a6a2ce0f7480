"""vCard: escaping, folding, visible fields only, 404 where the profile is hidden."""

import pytest
from django.urls import reverse

from augenhoehe.exports.vcard import escape, fold

pytestmark = pytest.mark.django_db


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_escape_special_characters():
    assert escape("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_fold_at_75_octets_without_splitting_characters():
    line = "NOTE:" + "ü" * 100  # two octets each
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert unfold(folded) == line
    assert fold("FN:kurz") == "FN:kurz"


def test_vcard_of_a_published_profile_for_visitors(client, directory):
    eltern = directory["eltern"]
    response = client.get(reverse("exports:organisation_vcard", kwargs={"pk": eltern.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="turkischer-elternverein-gutersloh.vcf"'
    raw = response.content.decode("utf-8")
    assert raw.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and raw.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    lines = unfold(raw).split("\r\n")
    assert "FN:Türkischer Elternverein Gütersloh" in lines
    assert "ORG:Türkischer Elternverein Gütersloh" in lines
    assert "NICKNAME:TEV" in lines
    assert "ADR;TYPE=WORK:;;;Gütersloh;;33330;Deutschland" in lines  # street is not public
    assert "EMAIL;TYPE=INTERNET,WORK:kontakt@elternverein.example" in lines
    assert "TEL;TYPE=WORK,VOICE:+49 5241 12345" in lines
    assert 'NOTE:Elterncafé\\, Hausaufgabenhilfe\\; "Kita-Einstieg"\\nzweite Zeile' in lines
    assert f"UID:http://testserver/organisations/{eltern.pk}/" in lines
    assert not any(line.startswith("URL") for line in lines)
    assert "Ayşe" not in raw


def test_vcard_for_a_representative_has_every_field(client_for, directory):
    eltern = directory["eltern"]
    raw = client_for("mso_member").get(reverse("exports:organisation_vcard", kwargs={"pk": eltern.pk}))
    lines = unfold(raw.content.decode()).split("\r\n")
    assert "ADR;TYPE=WORK:;;Berliner Straße 12;Gütersloh;;33330;Deutschland" in lines
    assert "URL:https://elternverein.example/" in lines
    note = next(line for line in lines if line.startswith("NOTE:"))
    assert note.endswith("\\n\\nAnsprechperson: Ayşe Demir")


@pytest.mark.parametrize("role,status", [("anonymous", 404), ("mso_member", 404), ("coordinator", 200)])
def test_vcard_of_an_unpublished_profile(client_for, directory, role, status):
    url = reverse("exports:organisation_vcard", kwargs={"pk": directory["entwurf"].pk})
    assert client_for(role).get(url).status_code == status


def test_vcard_only_get(client, directory):
    url = reverse("exports:organisation_vcard", kwargs={"pk": directory["eltern"].pk})
    assert client.post(url).status_code == 405
