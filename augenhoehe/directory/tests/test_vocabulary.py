"""Recognising vocabulary values as people write them, in every UI language, by code, and never guessing."""

import pytest
from django.db import models
from django.utils import translation
from django_countries import countries

from augenhoehe.core.languages import Language
from augenhoehe.directory import choices
from augenhoehe.directory.synonyms import AMBIGUOUS, SYNONYMS
from augenhoehe.directory.vocabulary import lookup_key, lookup_table, recognise

VOCABULARIES = [
    value
    for value in vars(choices).values()
    if isinstance(value, type)
    and issubclass(value, models.TextChoices)
    and value.__module__ == choices.__name__
]


@pytest.mark.parametrize(
    "text, key",
    [
        ("e. V.", "ev"),
        ("E.V.", "ev"),
        ("eV", "ev"),
        ("Türkiye", "turkiye"),
        ("Tuerkei", "turkei"),
        ("  Kurdî ", "kurdi"),
    ],
)
def test_the_key_folds_case_umlauts_punctuation_and_spaces(text, key):
    assert lookup_key(text) == key


@pytest.mark.parametrize(
    "vocabulary, text, code",
    [
        (choices.LegalForm, "e.V.", "ev"),
        (choices.LegalForm, "eV", "ev"),
        (choices.LegalForm, "e. V.", "ev"),
        (choices.LegalForm, "E.V", "ev"),
        (choices.LegalForm, "gGmbH", "ggmbh"),
        (choices.LegalForm, "KdöR", "kdoer"),
        (choices.LegalForm, "registered association", "ev"),
        (choices.Kind, "Sport", "leisure_sport"),
        (choices.Kind, "sports club", "leisure_sport"),
        (choices.Kind, "Dachverband", "umbrella"),
        (choices.Kind, "Religiös", "religious"),
        (choices.Kind, "religioes", "religious"),
        (choices.Kind, "Moscheeverein", "religious"),
        (choices.Kind, "Elternverein", "parents"),
        (choices.Kind, "Kulturverein", "cultural"),
        (choices.Kind, "cultural", "cultural"),
        (choices.Field, "Bildung", "education"),
        (choices.Field, "Nachhilfe", "education"),
        (choices.TargetGroup, "Flüchtlinge", "refugees"),
        (choices.TargetGroup, "Senioren", "older_people"),
        (choices.SelfUnderstanding, "Sozial", "social"),
        (choices.Level, "bundesweit", "federal"),
        (choices.Function, "Brücke", "hinge"),
        (choices.Criterion, "k.A.", "unknown"),
        (choices.VolunteersBand, "10-20", "10_20"),
    ],
)
def test_synonyms_and_abbreviations(vocabulary, text, code):
    assert recognise(vocabulary, text) == (code,)


@pytest.mark.parametrize(
    "text, code",
    [
        # Farsi, Persisch, fa are one value: in German, English, Turkish, Arabic, the endonym, ISO 639-1/-2/-3
        ("Farsi", "fa"), ("Persisch", "fa"), ("Persian", "fa"), ("Farsça", "fa"), ("الفارسية", "fa"),
        ("فارسی", "fa"), ("fa", "fa"), ("fas", "fa"), ("per", "fa"), ("pes", "fa"),
        ("Türkisch", "tr"), ("Turkish", "tr"), ("Türkçe", "tr"), ("التركية", "tr"), ("tur", "tr"),
        ("Deutsch", "de"), ("German", "de"), ("Almanca", "de"), ("الألمانية", "de"), ("deu", "de"), ("ger", "de"),
        ("Arabisch", "ar"), ("Arabic", "ar"), ("Arapça", "ar"), ("العربية", "ar"), ("ara", "ar"),
        ("Sorani", "ckb"), ("Zentralkurdisch", "ckb"), ("Central Kurdish", "ckb"), ("Orta Kürtçe", "ckb"),
        ("ckb", "ckb"), ("Kurmancî", "ku"), ("Kurdisch (Kurmancî)", "ku"), ("kmr", "ku"),
        ("Dari", "prs"), ("Paschtu", "ps"), ("Pashto", "ps"), ("Tigrinya", "ti"),
        ("Bosnisch", "sh"), ("Serbian", "sh"), ("Hırvatça", "sh"), ("Romanes", "rom"), ("DGS", "gsg"),
        ("Ukrainian", "uk"), ("Ukraynaca", "uk"), ("الأوكرانية", "uk"),
    ],
)  # fmt: skip
def test_languages_by_cldr_name_in_every_ui_language_and_iso_code(text, code):
    assert recognise(Language, text) == (code,)


@pytest.mark.parametrize("text", ["Kurdisch", "kurdisch", "Kurdish", "Kürtçe", "الكردية", "Kurdî", "kur"])
def test_kurdish_is_ambiguous_and_asks_with_both_candidates(text):
    assert recognise(Language, text) == ("ku", "ckb")


@pytest.mark.parametrize(
    "text, code",
    [
        ("Türkei", "TR"), ("Turkey", "TR"), ("Türkiye", "TR"), ("Tuerkei", "TR"), ("TR", "TR"), ("TUR", "TR"),
        ("Syrien", "SY"), ("Syria", "SY"), ("Suriye", "SY"), ("سوريا", "SY"), ("SYR", "SY"),
        ("USA", "US"), ("Vereinigte Staaten", "US"), ("Amerika Birleşik Devletleri", "US"), ("us", "US"),
        ("Großbritannien", "GB"), ("UK", "GB"), ("Iran", "IR"), ("Persien", "IR"), ("Kosovo", "XK"),
        ("Afghanistan", "AF"), ("أفغانستان", "AF"), ("Irak", "IQ"), ("العراق", "IQ"),
    ],
)  # fmt: skip
def test_countries_by_name_in_every_ui_language_and_alpha_codes(text, code):
    assert recognise(countries, text) == (code,)


def test_kongo_is_ambiguous():
    assert set(recognise(countries, "Kongo")) == {"CD", "CG"}


@pytest.mark.parametrize("text", ["Bildung", "Frauen", "Klingonisch", "", "e", "???"])
def test_unknown_values_are_not_guessed(text):
    vocabulary = choices.Kind if text in ("Bildung", "Frauen") else Language
    assert recognise(vocabulary, text) == ()


@pytest.mark.parametrize("vocabulary", [*VOCABULARIES, Language])
def test_every_label_in_every_ui_language_and_every_code_is_recognised(vocabulary):
    for language in ("de", "en", "tr", "ar"):
        with translation.override(language):
            for code, label in vocabulary.choices:
                assert code in recognise(vocabulary, str(label)), (language, label)
    for code in vocabulary.values:
        assert recognise(vocabulary, code) == (code,)


@pytest.mark.parametrize("vocabulary", [*VOCABULARIES, Language])
def test_only_declared_spellings_are_ambiguous(vocabulary):
    """A spelling that names two values by accident (two labels translated alike) would make the import
    ask needlessly; only those declared ambiguous may."""
    declared = {lookup_key(text) for text in AMBIGUOUS.get(vocabulary, {})}
    ambiguous = {key for key, codes in lookup_table(vocabulary).items() if len(codes) > 1}
    assert ambiguous == declared


def test_every_synonym_names_a_code_of_its_vocabulary():
    for vocabulary, spellings in SYNONYMS.items():
        assert set(spellings) <= set(vocabulary.values), vocabulary
        for code, texts in spellings.items():
            for text in texts:
                assert code in recognise(vocabulary, text), (vocabulary, text)
