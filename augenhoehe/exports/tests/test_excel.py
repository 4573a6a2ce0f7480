"""The German Excel variant's cell protection and transliteration."""

import pytest

from augenhoehe.interchange.excel import encode, protect, unprotect


@pytest.mark.parametrize(
    "text,protected",
    [
        ("Gütersloh", "Gütersloh"),
        ("01067", '="01067"'),
        ("0", "0"),
        ("+49 5241 1", '="+49 5241 1"'),
        ('=HYPERLINK("x")', '="=HYPERLINK(""x"")"'),
        ("@SUM(1)", '="@SUM(1)"'),
        ("'quoted", '="\'quoted"'),
        ("-" + "x" * 300, "'-" + "x" * 300),
        ("- eins\n- zwei", "'- eins\n- zwei"),
    ],
)
def test_protect_and_unprotect(text, protected):
    assert protect(text) == protected
    assert unprotect(protected) == text


def test_transliterate_what_windows_1252_lacks():
    assert encode(
        "Ayşe Güneş, Łódź, İzmir, Đorđe, ı – „€“"
    ) == "Ayse Günes, Lódz, Izmir, Dorde, i – „€“".encode("cp1252")
    assert encode("Мрія عربي") == b"???? ????"
