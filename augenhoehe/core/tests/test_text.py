import pytest

from augenhoehe.core.text import fold, word_similarity, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Türkischer Elternverein", "turkischer elternverein"),
        ("Tuerkischer Elternverein", "turkischer elternverein"),
        ("Straße", "strasse"),
        ("Çağdaş Yaşam Derneği", "cagdas yasam dernegi"),
        ("Kadın Dayanışma", "kadin dayanisma"),
        ("جمعية", "جمعية"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_words_drop_operators():
    assert words('"Kultur" OR verein* -x') == ("kultur", "or", "verein", "x")


def test_word_similarity_tolerates_typos_but_not_other_names():
    assert word_similarity("Elternverien", "Türkischer Elternverein Gütersloh") > 0.45
    assert word_similarity("Mriya", "Ukrainischer Verein Mriya") == 1.0
    assert word_similarity("Kulturverein Dortmund", "Ukrainischer Verein Mriya") < 0.3
    assert word_similarity("", "x") == 0.0
