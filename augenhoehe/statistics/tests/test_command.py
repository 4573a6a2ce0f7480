"""``augenhoehe import_statistics``: imports, prints totals, shares and ranks; a bad file
imports nothing and fails."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from augenhoehe.statistics.models import StatisticsTable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]


@pytest.fixture
def table_file(tmp_path, printed_table):
    path = tmp_path / "mso.tsv"
    path.write_bytes(printed_table)
    return path


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_statistics", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_totals_shares_and_ranks(network, table_file):
    output = run(str(table_file), "--title", "MSO je Land", "--network", network.slug)
    assert "Anzahl 2016" in output
    assert "Summe der Regionen: 17.414; gedruckt: 17.414; stimmt mit der gedruckten Summe überein" in output
    assert "Summe der Regionen: 9.701–18.101; gedruckt: 12.400–14.300*" in output
    nrw_2016 = next(
        line for line in output.splitlines() if line.startswith("Nordrhein-Westfalen") and "5.078" in line
    )
    assert nrw_2016.split()[-3:] == ["29,2", "%", "1"]
    assert "13 (geteilt)" in output
    assert "Standard-Wettbewerbsrang" in output
    assert "750–2.500*" in output
    with scopes_disabled():
        assert StatisticsTable.objects.get().network == network


def test_with_one_network_the_network_may_be_left_out(network, table_file):
    assert "17.414" in run(str(table_file), "--title", "MSO")


def test_with_several_networks_the_network_must_be_named(network, other_network, table_file):
    with pytest.raises(CommandError, match="--network"):
        run(str(table_file), "--title", "MSO")


def test_a_bad_file_imports_nothing_and_says_why(network, tmp_path):
    path = tmp_path / "kaputt.csv"
    path.write_text("Land;Anzahl 2019\nBayern;abc\n")
    with pytest.raises(CommandError) as error:
        run(str(path), "--title", "MSO")
    assert "Zeile 2, Spalte B" in str(error.value)
    with scopes_disabled():
        assert not StatisticsTable.objects.exists()


def test_a_missing_file_is_a_clear_error(network, tmp_path):
    with pytest.raises(CommandError, match="lässt sich nicht lesen"):
        run(str(tmp_path / "fehlt.csv"), "--title", "MSO")


def test_the_augenhoehe_command_exits_with_status_1_on_a_bad_file(tmp_path):
    """Through the real ``augenhoehe`` entry point, in its own process (which has no test
    database: the file is read, and refused, before any database is asked)."""
    path = tmp_path / "fehlt.csv"
    result = subprocess.run(  # noqa: S603  (our own interpreter and entry point, fixed arguments)
        [
            sys.executable,
            "-m",
            "augenhoehe",
            "import_statistics",
            str(path),
            "--title",
            "X",
            "--network",
            "nope",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "lässt sich nicht lesen" in result.stderr
    assert "Traceback" not in result.stderr
