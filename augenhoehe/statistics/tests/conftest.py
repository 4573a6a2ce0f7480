from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def printed_table() -> bytes:
    """The source document's table of MSO per Land (seed 003, Klie 2022, p. 30), tab separated
    as printed, with "Mecklenburg- Vorpommern" and the "Gesamt" row."""
    return (FIXTURES / "mso_laender.tsv").read_bytes()
