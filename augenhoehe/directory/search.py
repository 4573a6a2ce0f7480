"""Full-text search over organisations: PostgreSQL's German configuration in
production, SQLite FTS5 on the embedded default.

Both index ``Organisation.search_document``, a folded text (see
``core.text.fold``) of everything a visitor may search, so that umlauts and
their transliterations match on either database. Names also tolerate typos
through trigram word similarity.
"""

from functools import cache

from django.db import connection, models
from django.db.models import F, FloatField, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.utils import translation

from augenhoehe.core.text import fold, words

from . import choices
from .models import Organisation, Tag

MAX_TERMS = 10
# Word similarity a name must reach to count as a typo of the query.
FUZZY_THRESHOLD = 0.45

FTS_TABLE = "directory_organisation_fts"
PG_INDEX = "directory_organisation_fts_gin"

# Languages and countries are searched through their own facets, not as words.
_INDEXED_SCHEMES = (Tag.Scheme.FUNCTION, Tag.Scheme.FIELD, Tag.Scheme.TARGET_GROUP)


def document_for(organisation: Organisation, tags: dict[str, list[str]]) -> str:
    """The folded text that full-text search indexes for ``organisation``.

    Vocabulary labels go in in German and English so that either finds them.
    Only always-public content goes in: search must not reveal hidden fields.
    """
    parts = [
        organisation.name,
        organisation.short_name,
        organisation.description,
        organisation.city,
    ]
    if organisation.kreis_id:
        parts.append(organisation.kreis.name)
    for language in ("de", "en"):
        labels = _labels(language)
        parts.append(labels["kind"].get(organisation.kind, organisation.kind))
        for scheme in _INDEXED_SCHEMES:
            parts.extend(labels[scheme][code] for code in tags.get(scheme, ()))
    return fold(" ".join(p for p in parts if p))


@cache
def _labels(language: str) -> dict[str, dict[str, str]]:
    """The labels of kinds and indexed vocabularies in ``language`` (translated once, not per profile)."""
    vocabularies: dict[str, type[models.TextChoices]] = {
        "kind": choices.Kind,
        **{scheme: choices.TAG_VOCABULARIES[scheme] for scheme in _INDEXED_SCHEMES},
    }
    with translation.override(language):
        return {
            name: {code: str(label) for code, label in vocabulary.choices}
            for name, vocabulary in vocabularies.items()
        }


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
