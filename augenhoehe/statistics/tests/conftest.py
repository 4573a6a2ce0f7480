from pathlib import Path

import pytest

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.statistics import services

FIXTURES = Path(__file__).parent / "fixtures"
# A table of MSO per Kreis in NRW, typed as people type Kreise (test_kreise.py says which is which).
KREISE_NRW = FIXTURES / "mso_kreise_nrw.csv"


@pytest.fixture
def printed_table() -> bytes:
    """The source document's table of MSO per Land (seed 003, Klie 2022, p. 30), tab separated
    as printed, with "Mecklenburg- Vorpommern" and the "Gesamt" row."""
    return (FIXTURES / "mso_laender.tsv").read_bytes()


CITIES = {
    "05754": "Gütersloh",
    "05711": "Bielefeld",
    "05913": "Dortmund",
    "09162": "München",
    "01001": "Flensburg",
}


@pytest.fixture
def organisation_in(organisation_factory):
    """``organisation_in("05754", staffing=…)``: a profile in that Kreis, in a city that lies in it."""

    def make(kreis: str, **fields):
        return organisation_factory(kreis_id=kreis, city=CITIES[kreis], **fields)

    return make


@pytest.fixture
def table(network, users, printed_table):
    with network_scope(network):
        return services.table_import(
            network=network,
            actor=users["coordinator"],
            content=printed_table,
            filename="mso.tsv",
            title="MSO je Bundesland",
            source="Klie 2022, S. 30",
        )


@pytest.fixture
def directory(organisation_in):
    """Gütersloh (05754, network 1): 3 published (2 volunteers only, 1 mixed), 1 unpublished
    (volunteers only), 1 published without staffing; Bielefeld (05711, NRW): 1 published;
    Dortmund (05913, network 2): 1 unpublished; München (09162): 2 published."""
    make = organisation_in
    make("05754", staffing="volunteers_only")
    make("05754", staffing="volunteers_only", kind="religious")
    make("05754", staffing="mixed", kind="parents")
    make("05754", staffing="volunteers_only", is_published=False)
    make("05754", staffing="")
    make("05711", staffing="mainly_paid")
    make("05913", staffing="volunteers_only", is_published=False)
    make("09162", staffing="volunteers_only")
    make("09162", staffing="volunteers_only", kind="religious")


@pytest.fixture
def kreis_table(network, users):
    with network_scope(network):
        return services.table_import(
            network=network,
            actor=users["coordinator"],
            content=KREISE_NRW.read_bytes(),
            filename="mso_kreise.csv",
            title="MSO je Kreis in NRW",
        )
