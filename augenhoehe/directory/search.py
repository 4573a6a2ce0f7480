"""Full-text search over organisations: PostgreSQL's German configuration in
production, SQLite FTS5 on the embedded default.

Both index ``Organisation.search_document``, a folded text (see
``core.text.fold``) of everything a visitor may search, so that umlauts and
their transliterations match on either database. Names also tolerate typos
through trigram word similarity.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.db import connection, models
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.utils import translation
from django_countries import countries

from augenhoehe.core.text import fold, words

from . import choices
from .models import Organisation, Tag

MAX_TERMS = 10
# Word similarity a name must reach to count as a typo of the query.
FUZZY_THRESHOLD = 0.45

FTS_TABLE = "directory_organisation_fts"
PG_INDEX = "directory_organisation_fts_gin"

# Every vocabulary of a profile is searchable by its labels (all of them are always public).
_INDEXED_SCHEMES = (
    Tag.Scheme.FUNCTION,
    Tag.Scheme.FIELD,
    Tag.Scheme.TARGET_GROUP,
    Tag.Scheme.LANGUAGE,
    Tag.Scheme.COUNTRY,
)
# Arabic writes the article into the word (العربية); a search for عربي must find it too.
_ARABIC_ARTICLE = "\u0627\u0644"


def _ui_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@cache
def _labels(language: str) -> dict[str, dict[str, str]]:
    """The labels of the kinds and indexed vocabularies in ``language``, translated once per process
    and language, not for every profile (an import of 20,000 profiles builds 20,000 documents)."""
    vocabularies: dict[str, type[models.TextChoices]] = {
        "kind": choices.Kind,
        "self_understanding": choices.SelfUnderstanding,
        **{
            scheme: choices.TAG_VOCABULARIES[scheme]
            for scheme in _INDEXED_SCHEMES
            if scheme != Tag.Scheme.COUNTRY
        },
    }
    with translation.override(language):
        table = {name: {code: str(label) for code, label in v.choices} for name, v in vocabularies.items()}
        table[Tag.Scheme.COUNTRY] = {code: str(name) for code, name in countries}
    return table


def vocabulary_labels(organisation: Organisation, tags: dict[str, list[str]]) -> list[str]:
    """The labels of ``organisation``'s kind and vocabulary values in every UI language, so that
    a search in Arabic, English or Turkish finds what the profile says in German."""
    labels: list[str] = []
    for language in _ui_languages():
        # From the vocabularies, not get_FOO_display(): the data migration passes historical models.
        table = _labels(language)
        labels.append(table["kind"].get(organisation.kind, ""))
        # Searchable only where it is public: a search must not reveal an Art. 9 category.
        if choices.PublicField.ORIENTATION in (organisation.public_fields or ()):
            labels.append(table["self_understanding"].get(organisation.self_understanding or "", ""))
        for scheme in _INDEXED_SCHEMES:
            labels.extend(table[scheme].get(code, "") for code in tags.get(scheme, ()))
    return list(dict.fromkeys(label for label in labels if label))


def _searchable(text: str) -> str:
    """``text`` folded, followed by its Arabic words without their article."""
    folded = fold(text)
    stripped = " ".join(w[2:] for w in folded.split() if w.startswith(_ARABIC_ARTICLE) and len(w) > 3)
    return f"{folded} {stripped}" if stripped else folded


@lru_cache(maxsize=8192)
def _searchable_label(label: str) -> str:
    # A few hundred labels in four languages make up most of every document; fold each once.
    return _searchable(label)


def document_for(organisation: Organisation, tags: dict[str, list[str]]) -> str:
    """The folded text that full-text search indexes for ``organisation``.

    Vocabulary labels go in in every UI language (see ``vocabulary_labels``).
    Only always-public content goes in: search must not reveal hidden fields.
    """
    parts = [
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.city,
    ]
    # A description written in Turkish or Arabic is found by its words too (a data migration's
    # historical model from before the versions has no ``translations``).
    parts.extend(
        str(fields.get("description") or "")
        for fields in (getattr(organisation, "translations", None) or {}).values()
        if isinstance(fields, dict)
    )
    if organisation.kreis_id:
        parts.append(organisation.kreis.name)
    searchable = [_searchable(" ".join(p for p in parts if p))]
    searchable.extend(_searchable_label(label) for label in vocabulary_labels(organisation, tags))
    return " ".join(p for p in searchable if p)


def documents_rebuild(organisation_model, tag_model, *, batch_size: int = 500) -> int:
    """Rebuild every organisation's search document in batches; return how many were written.

    Takes the model classes so that a data migration can pass its historical ones. Only
    ``search_document`` is updated: SQLite's trigger and PostgreSQL's generated column follow.
    """
    written = 0
    last = 0
    while True:
        batch = list(
            organisation_model.objects.filter(pk__gt=last).select_related("kreis").order_by("pk")[:batch_size]
        )
        if not batch:
            return written
        last = batch[-1].pk
        tags: dict[int, dict[str, list[str]]] = {o.pk: {} for o in batch}
        rows = tag_model.objects.filter(organisation_id__in=list(tags)).values_list(
            "organisation_id", "scheme", "code"
        )
        for organisation_id, scheme, code in rows:
            tags[organisation_id].setdefault(scheme, []).append(code)
        for organisation in batch:
            organisation.search_document = document_for(organisation, tags[organisation.pk])
        organisation_model.objects.bulk_update(batch, ["search_document"])
        written += len(batch)


def _terms(query: str) -> list[str]:
    return list(words(query))[:MAX_TERMS]


def full_text_filter(query: str) -> Q:
    """A filter matching organisations whose document contains every term (as a prefix)."""
    terms = _terms(query)
    if not terms:
        return Q()
    if connection.vendor == "postgresql":
        sql = (
            "SELECT id FROM directory_organisation WHERE search_vector @@ to_tsquery('german'::regconfig, %s)"
        )
        param = " & ".join(f"{term}:*" for term in terms)
    else:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        param = " ".join(f'"{term}"*' for term in terms)
    return Q(pk__in=RawSQL(sql, [param]))


def name_similarity(query: str) -> Func:
    """How close the query is to the organisation's name (0–1), on either database."""
    return Func(
        Value(" ".join(_terms(query))),
        F("name_folded"),
        function="word_similarity",
        output_field=FloatField(),
    )


def similar_name_filter(organisations, query: str) -> Q:
    """A filter for organisations whose name is similar to the query (typo tolerance)."""
    similar = (
        organisations.alias(similarity=name_similarity(query))
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .values_list("pk", flat=True)
    )
    if connection.vendor == "postgresql":
        return Q(pk__in=similar)  # a subquery: pg_trgm is fast, long IN lists are not
    # SQLite's similarity is a Python function; compute it once, not in every facet count.
    return Q(pk__in=list(similar))


def install(schema_editor) -> None:
    """Create the full-text index for the database in use (called from a migration)."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # A stored column, not an expression index: computing to_tsvector on the
        # fly costs ~0.2 ms a row whenever the planner prefers a scan.
        schema_editor.execute(
            "ALTER TABLE directory_organisation ADD COLUMN IF NOT EXISTS search_vector tsvector"
            " GENERATED ALWAYS AS (to_tsvector('german'::regconfig, search_document)) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON directory_organisation USING gin (search_vector)"
        )
        return
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_document,"
        " content='directory_organisation', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 2')"
    )
    # External-content FTS5 tables are kept in step by triggers on the base table.
    for statement in (
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON directory_organisation BEGIN"
        f" INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document); END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON directory_organisation BEGIN"
        f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)"
        f" VALUES ('delete', old.id, old.search_document); END",
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF search_document ON directory_organisation"
        f" BEGIN INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)"
        f" VALUES ('delete', old.id, old.search_document);"
        f" INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document); END",
    ):
        schema_editor.execute(statement)


def uninstall(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
        schema_editor.execute("ALTER TABLE directory_organisation DROP COLUMN IF EXISTS search_vector")
        return
    for suffix in ("ai", "ad", "au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
