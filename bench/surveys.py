"""Time a survey's results and its raw-answer export at 1,000,000 answers from 20,000 organisations.

Makes a fresh database beside the one in ``DATABASE_URL`` (PostgreSQL: the name plus
``_surveys``, dropped and created anew; SQLite: the file name plus ``_surveys``), migrates it and
bulk-inserts (COPY on PostgreSQL) one network, ``--organisations`` organisations with a profile,
a questionnaire of 32 questions and a submitted response per organisation with 50 answers each:
12 single choices, 6 multiple choices of four options each, 8 Likert items, 4 numbers, 2 texts;
then ANALYZE, as autovacuum would after such a load.

Then, in the same run, the median of ``--runs`` after a warm-up:

* ``survey_results``, the function the results page computes with, against one hand-written
  GROUP BY over the same answers (the least any results page must read); their ratio (goal ≤ 2);
* the cross tables by kind (``cross_tables``), printed for information;
* the raw-answer CSV export (``export.answers_csv``) read to the end (goal < 60 s).

Exits non-zero if a goal is missed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/augenhoehe_bench AUGENHOEHE_HOME=bench/.data \\
        AUGENHOEHE_SECRET_KEY=… .venv/bin/python bench/surveys.py [--organisations 20000] [--runs 3]
"""

import argparse
import os
import random
import statistics
import sys
import time
import urllib.parse
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

ANSWERS_PER_RESPONSE = 50
SINGLE, MULTIPLE, LIKERT, NUMBER, TEXT = 12, 6, 8, 4, 2
CHOSEN = 4  # options chosen per multiple-choice question
KINDS = ["cultural", "religious", "political", "leisure_sport", "parents", "umbrella", "other"]
STAFFING = ["volunteers_only", "mixed", "mainly_paid", ""]


def fresh_database(url: str) -> str:
    """The URL of a new, empty database beside the one in ``url``."""
    if url.startswith("sqlite"):
        path = Path(urllib.parse.urlsplit(url).path)
        fresh = path.with_name(path.stem + "_surveys" + path.suffix)
        fresh.unlink(missing_ok=True)
        return f"sqlite:///{fresh}"
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_surveys"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    os.environ["DATABASE_URL"] = fresh_database(os.environ["DATABASE_URL"])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "augenhoehe.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    started = time.perf_counter()
    survey = generate(arguments.organisations)
    with connection.cursor() as cursor:
        # The planner's statistics, as PostgreSQL's autovacuum gathers them after a bulk load
        # (without them it may join a million rows in a nested loop).
        cursor.execute("ANALYZE")
    answers = count("surveys_surveyanswer")
    print(
        f"surveys: {arguments.organisations} responses, {answers} answers generated "
        f"in {time.perf_counter() - started:.1f} s on {connection.vendor}"
    )
    sys.exit(0 if measure(survey, arguments.runs) else 1)


def count(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (a fixed table name)
        return cursor.fetchone()[0]


def generate(organisations: int):
    """The network, organisations, questionnaire, responses and answers, bulk-inserted."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    from augenhoehe.core.models import Kreis, Network
    from augenhoehe.directory.models import Organisation
    from augenhoehe.surveys.models import Survey, SurveyResponse, SurveySection

    rng = random.Random(13)
    now = datetime.now(UTC)
    with scopes_disabled(), transaction.atomic():
        network = Network.objects.create(name="Benchmark", slug="benchmark-surveys")
        kreise = list(Kreis.objects.values_list("pk", flat=True)[:40])
        Organisation.objects.bulk_create(
            (
                Organisation(
                    name=f"Verein {n}", city="Bielefeld", kreis_id=rng.choice(kreise), kind=rng.choice(KINDS)
                )
                for n in range(organisations)
            ),
            batch_size=5000,
        )
        survey = Survey.objects.create(network=network, title="Befragung der MSO", status="closed")
        section = SurveySection.objects.create(network=network, survey=survey, position=1, title="Alles")
        questions = questionnaire(network, survey, section)
        SurveyResponse.objects.bulk_create(
            (
                SurveyResponse(
                    network=network,
                    survey=survey,
                    organisation_id=organisation_id,
                    started_at=now,
                    submitted_at=now,
                    kreis_id=kreis_id,
                    kind=kind,
                    staffing=rng.choice(STAFFING),
                )
                for organisation_id, kreis_id, kind in Organisation.objects.values_list(
                    "pk", "kreis_id", "kind"
                )
            ),
            batch_size=5000,
        )
        responses = list(SurveyResponse.objects.filter(survey=survey).values_list("pk", flat=True))
        insert_answers(
            network.pk, ((response, row) for response in responses for row in answers(rng, questions))
        )
    return survey


def questionnaire(network, survey, section) -> list[tuple[object, list[int]]]:
    """The 32 questions and their options' keys."""
    from augenhoehe.surveys.models import SurveyOption, SurveyQuestion

    layout = [("single", 5)] * SINGLE + [("multiple", 12)] * MULTIPLE + [("likert", 4)] * LIKERT
    layout += [("number", 0)] * NUMBER + [("long_text", 0)] * TEXT
    questions = []
    for position, (kind, options) in enumerate(layout, start=1):
        question = SurveyQuestion.objects.create(
            network=network,
            survey=survey,
            section=section,
            position=position,
            code=f"q{position}",
            kind=kind,
            text=f"Frage {position}",
        )
        made = SurveyOption.objects.bulk_create(
            SurveyOption(
                network=network,
                question=question,
                position=index,
                label=f"Antwort {index}",
                is_agreement=kind == "likert" and index <= 2,
                is_other=kind == "multiple" and index == options,
            )
            for index in range(1, options + 1)
        )
        questions.append((question, [option.pk for option in made]))
    return questions


def answers(rng: random.Random, questions) -> list[tuple]:
    """One response's 50 answers: (question, option, number, text, is_first), the first row of each
    answer marked as ``answering.mark_first`` marks it."""
    rows = []
    for question, options in questions:
        if question.kind == "multiple":
            chosen = rng.sample(options, CHOSEN)
            rows += [(question.pk, option, None, "", option == chosen[0]) for option in chosen]
        elif options:
            rows.append((question.pk, rng.choice(options), None, "", True))
        elif question.kind == "number":
            rows.append((question.pk, None, Decimal(rng.randint(0, 40)), "", True))
        else:
            text = rng.choice(["Mehr Räume", "Verlässliche Förderung", "=1+1"])
            rows.append((question.pk, None, None, text, True))
    assert len(rows) == ANSWERS_PER_RESPONSE
    return rows


def insert_answers(network_id: int, rows) -> None:
    """COPY on PostgreSQL, executemany in batches on SQLite."""
    from django.db import connection

    columns = "network_id, response_id, question_id, option_id, number, text, is_first"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY surveys_surveyanswer ({columns}) FROM STDIN") as copy:
                for response, row in rows:
                    copy.write_row((network_id, response, *row))
            return
        sql = f"INSERT INTO surveys_surveyanswer ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
        batch: list[tuple] = []
        for response, (question, option, number, text, first) in rows:
            batch.append(
                (network_id, response, question, option, None if number is None else str(number), text, first)
            )
            if len(batch) == 50_000:
                cursor.executemany(sql, batch)
                batch = []
        cursor.executemany(sql, batch)


def median_time(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def measure(survey, runs: int) -> bool:
    from django.db import connection
    from django_scopes import scope

    from augenhoehe.surveys import export
    from augenhoehe.surveys.crossing import cross_tables
    from augenhoehe.surveys.results import survey_results

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.question_id, a.option_id, COUNT(*) FROM surveys_surveyanswer a "
                "JOIN surveys_surveyresponse r ON r.id = a.response_id "
                "WHERE r.survey_id = %s AND r.submitted_at IS NOT NULL GROUP BY a.question_id, a.option_id",
                [survey.pk],
            )
            return cursor.fetchall()

    with scope(network=[survey.network_id]):
        base, rows = median_time(baseline, runs)
        page, results = median_time(lambda: survey_results(survey=survey), runs)
        crossed, _tables = median_time(lambda: cross_tables(results=results, attribute="kind"), runs)
    assert sum(r[2] for r in rows) == count("surveys_surveyanswer")
    # Every organisation answered every question: each n is the number of responses.
    assert {result.n for result in results.questions} == {results.responses}
    ratio = page / base
    print(
        f"surveys: one GROUP BY {base:.2f} s · survey_results {page:.2f} s · ratio {ratio:.2f}× (goal ≤ 2×)"
    )
    print(f"surveys: cross tables by kind {crossed:.2f} s (for information)")
    started = time.perf_counter()
    size = lines = 0
    for chunk in export.answers_csv(survey=survey):
        size += len(chunk)
        lines += 1
    exported = time.perf_counter() - started
    print(f"surveys: raw-answer CSV {lines - 1} rows, {size / 1e6:.1f} MB in {exported:.1f} s (goal < 60 s)")
    return ratio <= 2 and exported < 60


if __name__ == "__main__":
    main()
