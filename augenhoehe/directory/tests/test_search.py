import pytest
from django.contrib.auth.models import AnonymousUser

from augenhoehe.directory.facets import organisation_search
from augenhoehe.directory.models import Tag

pytestmark = pytest.mark.django_db


def names(result) -> list[str]:
    return [o.name for o in result.page.object_list]


def facet(result, key) -> dict[str, int]:
    return {v.value: v.count for f in result.facets if f.key == key for v in f.values}


@pytest.fixture
def directory(organisation_factory):
    return {
        "tuerkisch": organisation_factory(
            name="Türkischer Elternverein Gütersloh",
            kind="parents",
            description="Elterncafé und Informationsabende zur Kita.",
            contact_person="Ayşe Geheimname",
            staffing="volunteers_only",
            tags={
                Tag.Scheme.LANGUAGE: ["tr", "de"],
                Tag.Scheme.FIELD: ["parents", "early_childhood"],
            },
        ),
        "ukraine": organisation_factory(
            name="Ukrainischer Verein Mriya",
            city="Dortmund",
            kind="cultural",
            staffing="mixed",
            tags={
                Tag.Scheme.LANGUAGE: ["uk", "ru"],
                Tag.Scheme.FIELD: ["culture", "language_courses"],
            },
        ),
        "syrien": organisation_factory(
            name="Syrischer Kulturverein",
            city="Verl",
            kind="cultural",
            description="Arabische Sprachkurse für Kinder",
            tags={Tag.Scheme.LANGUAGE: ["ar"], Tag.Scheme.FIELD: ["language_courses"]},
        ),
        "entwurf": organisation_factory(name="Kurdischer Entwurfsverein", is_published=False),
    }


def search(viewer=None, query="", **filters):
    return organisation_search(viewer=viewer or AnonymousUser(), query=query, filters=filters)


@pytest.mark.parametrize("query", ["Türkisch", "tuerkisch", "TURKISCH", "türk"])
def test_umlauts_and_their_transliterations_find_each_other(directory, query):
    assert names(search(query=query)) == ["Türkischer Elternverein Gütersloh"]


def test_full_text_covers_description_and_vocabulary_labels(directory):
    assert names(search(query="Informationsabende")) == ["Türkischer Elternverein Gütersloh"]
    assert names(search(query="Sprachkurse")) == [
        "Syrischer Kulturverein",
        "Ukrainischer Verein Mriya",
    ]
    # English labels are indexed too.
    assert names(search(query="language courses")) == [
        "Syrischer Kulturverein",
        "Ukrainischer Verein Mriya",
    ]


def test_all_terms_must_match(directory):
    result = search(query="Elternverein Dortmund")
    assert result.fuzzy  # no profile contains both words, so similar names are offered
    assert "Ukrainischer Verein Mriya" not in names(result)
    assert names(search(query="Verein Dortmund")) == ["Ukrainischer Verein Mriya"]


def test_typos_in_names_fall_back_to_similar_names(directory):
    result = search(query="Elternverien")

    assert result.fuzzy
    assert names(result) == ["Türkischer Elternverein Gütersloh"]


def test_hidden_fields_are_not_searchable(directory):
    assert names(search(query="Geheimname")) == []


def test_visitors_never_find_unpublished_profiles(directory, users):
    assert names(search(query="Entwurfsverein")) == []
    assert names(search(users["mso_member"], query="Entwurfsverein")) == []
    assert names(search(users["other_coordinator"], query="Entwurfsverein")) == ["Kurdischer Entwurfsverein"]


def test_facet_counts_ignore_their_own_selection(directory):
    result = search(kind=["cultural"])

    assert names(result) == ["Syrischer Kulturverein", "Ukrainischer Verein Mriya"]
    # The kind facet still counts every kind, so the visitor can widen the choice.
    assert facet(result, "kind") == {"cultural": 2, "parents": 1}
    # Other facets count within the selection.
    assert facet(result, "language") == {"ar": 1, "uk": 1, "ru": 1}
    assert facet(result, "kreis") == {"05754": 1, "05913": 1}


def test_values_within_a_facet_are_alternatives_and_facets_narrow(directory):
    assert len(names(search(language=["tr", "ar"]))) == 2
    assert names(search(language=["tr", "ar"], kreis=["05913"])) == []
    assert names(search(land=["05"], field=["language_courses"], language=["uk"])) == [
        "Ukrainischer Verein Mriya"
    ]


def test_staffing_is_a_staff_only_facet(directory, users):
    public = search(staffing=["mixed"])
    assert "staffing" not in {f.key for f in public.facets}
    assert len(names(public)) == 3  # the filter is not applied for visitors

    staff = search(users["coordinator"], staffing=["mixed"])
    assert names(staff) == ["Ukrainischer Verein Mriya"]


def test_umbrella_facet_counts_direct_members(organisation_factory):
    umbrella = organisation_factory(name="Dachverband OWL", kind="umbrella")
    organisation_factory(name="Mitglied A", umbrellas=[umbrella])
    organisation_factory(name="Mitglied B", umbrellas=[umbrella])
    organisation_factory(name="Kein Mitglied")

    result = search(umbrella=[str(umbrella.pk)])

    assert names(result) == ["Mitglied A", "Mitglied B"]
    assert facet(result, "umbrella") == {str(umbrella.pk): 2}


def test_sorting_and_pagination(organisation_factory):
    for n in range(25):
        organisation_factory(name=f"Verein {n:02d}")

    first = organisation_search(viewer=AnonymousUser(), filters={}, sort="name", page=1)
    last = organisation_search(viewer=AnonymousUser(), filters={}, sort="name", page=2)

    assert first.total == 25
    assert names(first)[0] == "Verein 00"
    assert names(last) == ["Verein 20", "Verein 21", "Verein 22", "Verein 23", "Verein 24"]


@pytest.mark.parametrize("query", ["العربية", "عربي", "Arabic", "Arapça", "arapca", "Arabisch"])
def test_a_language_is_found_by_its_label_in_every_ui_language(organisation_factory, query):
    organisation_factory(name="Verein Brücke", tags={Tag.Scheme.LANGUAGE: ["ar"]})
    organisation_factory(name="Verein Most", tags={Tag.Scheme.LANGUAGE: ["uk"]})

    assert names(search(query=query)) == ["Verein Brücke"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Syria", "Verein Brücke"),  # country, English
        ("سوريا", "Verein Brücke"),  # country, Arabic
        ("Suriye", "Verein Brücke"),  # country, Turkish
        ("Veli derneği", "Elterntreff"),  # kind, Turkish
        ("أولياء الأمور", "Elterntreff"),  # kind, Arabic, article and all
        ("Parents association", "Elterntreff"),  # kind, English
    ],
)
def test_kinds_and_countries_are_found_by_their_labels(organisation_factory, query, expected):
    organisation_factory(name="Verein Brücke", kind="cultural", tags={Tag.Scheme.COUNTRY: ["SY"]})
    organisation_factory(name="Elterntreff", kind="parents", tags={Tag.Scheme.COUNTRY: ["UA"]})

    assert names(search(query=query)) == [expected]


def test_the_migration_rebuilds_old_documents(organisation_factory):
    from django.apps import apps

    from augenhoehe.directory import search as full_text
    from augenhoehe.directory.models import Organisation

    organisation = organisation_factory(name="Verein Brücke", tags={Tag.Scheme.LANGUAGE: ["ar"]})
    # A document as the code before this change wrote it: German and English labels only.
    Organisation.objects.filter(pk=organisation.pk).update(search_document="verein brucke arabisch arabic")
    assert names(search(query="العربية")) == []

    written = full_text.documents_rebuild(
        apps.get_model("directory", "Organisation"), apps.get_model("directory", "Tag"), batch_size=1
    )

    assert written == 1
    assert names(search(query="العربية")) == ["Verein Brücke"]


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar"])
@pytest.mark.parametrize(
    ("scheme", "vocabulary", "code"),
    [
        (Tag.Scheme.FIELD, "Field", "language_courses"),
        (Tag.Scheme.TARGET_GROUP, "TargetGroup", "women"),
    ],
)
def test_fields_and_target_groups_are_found_by_their_label_in_each_ui_language(
    organisation_factory, language, scheme, vocabulary, code
):
    from django.utils import translation

    from augenhoehe.directory import choices

    organisation_factory(name="Verein Brücke", tags={scheme: [code]})
    organisation_factory(name="Verein Most")
    with translation.override(language):
        label = str(getattr(choices, vocabulary)(code).label)

    assert names(search(query=label)) == ["Verein Brücke"]
