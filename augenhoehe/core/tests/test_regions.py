import pytest

from augenhoehe.core.models import Gemeinde, Kreis, Land
from augenhoehe.core.regions import lookup_name
from augenhoehe.core.selectors import gemeinde_candidates

pytestmark = pytest.mark.django_db


def test_all_laender_and_kreise_are_shipped():
    assert Land.objects.count() == 16
    assert Kreis.objects.count() == 400
    assert Kreis.objects.filter(kind=Kreis.Kind.KREISFREIE_STADT).count() == 106
    assert Kreis.objects.filter(land__name="Nordrhein-Westfalen").count() == 53


def test_every_kreis_has_gemeinden_and_keys_nest():
    assert not Kreis.objects.filter(gemeinden__isnull=True).exists()
    for gemeinde in Gemeinde.objects.order_by("?")[:200]:
        assert gemeinde.ags.startswith(gemeinde.kreis_id)
        assert gemeinde.kreis_id.startswith(gemeinde.kreis.land_id)


def test_current_territorial_status():
    # Eisenach joined the Wartburgkreis in 2021; Göttingen's old key is gone.
    assert not Kreis.objects.filter(ags__in=["16056", "03152"]).exists()
    assert "16063" in {g.kreis_id for g in gemeinde_candidates(city="Eisenach")}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Halle (Westf.), Stadt", "halle westf"),
        ("Gütersloh, Stadt", "gutersloh"),
        ("Schloß Holte", "schloss holte"),
    ],
)
def test_lookup_name(name, key):
    assert lookup_name(name) == key


def test_city_resolves_with_or_without_umlauts():
    assert gemeinde_candidates(city="Gütersloh")[0].kreis_id == "05754"
    assert gemeinde_candidates(city="Guetersloh")[0].kreis_id == "05754"
    assert len(gemeinde_candidates(city="Brühl")) == 2
    assert gemeinde_candidates(city="Erfurt")[0].ags == "16051000"
    assert gemeinde_candidates(city="Ingolstadt")[0].ags == "09161000"
    # Several Gemeinden are called Halle; with the Kreis, "Halle" finds Halle (Westf.).
    assert len(gemeinde_candidates(city="Halle")) > 1
    (halle,) = gemeinde_candidates(city="Halle", kreis=Kreis.objects.get(ags="05754"))
    assert halle.name.startswith("Halle (Westf.)")


def test_a_kreis_is_named_as_people_say_it():
    names = {
        k.ags: k.display_name for k in Kreis.objects.filter(ags__in=["05754", "05958", "05362", "05711"])
    }
    # A Landkreis gets "Kreis" unless its name says so already; a city stays a city.
    assert names == {
        "05754": "Kreis Gütersloh",
        "05958": "Hochsauerlandkreis",
        "05362": "Rhein-Erft-Kreis",
        "05711": "Bielefeld",
    }
