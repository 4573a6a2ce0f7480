"""Which questions of a questionnaire are shown, given the options chosen so far.

A pure function over plain values, so that the answer page (each request), the save (to delete the
answers of questions whose condition stopped holding) and the tests use one rule: a question with a
condition is shown if its condition question is shown and one of its ``condition_options`` is
chosen. A condition on a hidden question does not hold, so hiding one question hides the chain
behind it. Questions come in questionnaire order; a condition always looks back.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Condition:
    """A question and what it waits for: ``on`` (a question id) with one of ``options`` chosen."""

    question: int
    on: int | None = None
    options: frozenset[int] = frozenset()


def visible_questions(conditions: Iterable[Condition], chosen: Collection[int]) -> set[int]:
    """The ids of the questions shown when the options ``chosen`` are chosen."""
    visible: set[int] = set()
    for condition in conditions:
        if condition.on is None or (condition.on in visible and not condition.options.isdisjoint(chosen)):
            visible.add(condition.question)
    return visible
