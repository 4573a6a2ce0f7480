"""JSON from outside with a bound on its nesting, checked before the parser builds anything.

Python's parser recurses once per level: ``[[[[…]]]]`` a few thousand deep ends in a
``RecursionError`` (a 500), and a little less deep in objects that code walking them recursively
cannot handle. No document this app reads nests more than a few levels, so the text is measured
first (strings removed, brackets counted: C-speed regular expressions and one pass over the
brackets) and refused beyond ``MAX_DEPTH``.
"""

import json
import re
from typing import Any

MAX_DEPTH = 32

# A JSON string, escapes included (the unrolled form: no backtracking on long strings).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class TooDeep(ValueError):
    """The document nests deeper than allowed."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"nested deeper than {limit} levels")
        self.limit = limit


def depth(text: str, *, limit: int = MAX_DEPTH) -> int:
    """How deep ``text`` nests its arrays and objects; raises ``TooDeep`` as soon as it passes ``limit``."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    level = deepest = 0
    for bracket in brackets:
        if bracket in "[{":
            level += 1
            if level > limit:
                raise TooDeep(limit)
            deepest = max(deepest, level)
        else:
            level -= 1
    return deepest


def loads(text: str | bytes, *, limit: int = MAX_DEPTH, **options: Any) -> Any:
    """``json.loads`` for untrusted text: ``TooDeep`` beyond ``limit`` levels, ``ValueError`` for
    anything else the parser refuses."""
    if isinstance(text, bytes | bytearray):
        text = text.decode("utf-8")
    depth(text, limit=limit)
    try:
        return json.loads(text, **options)
    except RecursionError as error:  # not reachable within the limit; kept as the last guard
        raise TooDeep(limit) from error
