"""Small numbers kept out of a cross table, so that no organisation can be recognised in it.

A cross table has a row per group (a Kreis, a kind…) with its respondents ``n`` and a count per
option; the page also shows every row's ``n`` and the overall count per option (the column
totals). Two steps, both on whole numbers only:

1. **Groups.** Every group with fewer than ``MINIMUM`` respondents is merged into one row
   "Sonstige (zusammengefasst)"; while that row is still below ``MINIMUM``, the next smallest
   group joins it. A lone small group would be recoverable as the question's n minus the others;
   merged it never shows on its own. (We merge rather than hide rows: a merged row still counts.)
2. **Cells.** A count from 1 to ``MINIMUM - 1`` is hidden (primary suppression). Then secondary
   suppression: the row sums (``n``) and column sums (the overall counts) are known, so a hidden
   cell can be computed back exactly when it is a *bridge* in the bipartite graph of hidden cells
   (rows and columns as nodes): nothing else in that graph can make up for a change in it. While
   some hidden cell is a bridge, the smallest shown positive count in its row or column is hidden
   too. A hidden cell on a cycle can move by at least one in either direction while every sum
   stays, so it cannot be recovered (the tests check this by enumerating every table that
   matches what is shown). Treating row sums as known is conservative for multiple choice, where
   a row's counts do not add up to its ``n``.

Two additions keep tables of the same respondents from being laid side by side:

- ``always_merged`` groups (crossing passes "ohne Angabe") go into the merged row whatever their
  size, with at least one other group: responses without any profile form that group in every
  table, and two tables hiding different cells of the same shown row would give them away.
- ``covered`` groups (crossing passes those whose count of a question's condition is not shown)
  have their row's n and every cell hidden: a conditional question's n in a group is that
  group's count of the condition. At least two rows are covered, so the overall n does not give
  one back.

If all groups end up merged into one row, that row is the overall result, shown anyway. If no
shown cell is left to hide, every cell is hidden.
"""

from collections import defaultdict, deque
from dataclasses import dataclass, field

MINIMUM = 5

Cell = tuple[int, int]


@dataclass
class Row:
    keys: list  # the groups this row stands for: one, or several merged
    n: int
    counts: list[int]
    merged: bool = False
    covered: bool = False  # n and every cell hidden


@dataclass
class ProtectedTable:
    rows: list[Row]
    hidden: set[Cell] = field(default_factory=set)

    def is_hidden(self, row: int, column: int) -> bool:
        return (row, column) in self.hidden


def protect(
    groups: list[tuple[object, int, list[int]]],
    *,
    minimum: int = MINIMUM,
    always_merged: frozenset = frozenset(),
    covered: frozenset = frozenset(),
) -> ProtectedTable:
    """``groups`` as (key, n, counts per option), largest first in the result, small ones merged
    and small cells hidden so that none can be computed back from the totals."""
    rows = merged_rows(groups, minimum=minimum, always_merged=always_merged)
    _cover(rows, covered)
    return ProtectedTable(rows=rows, hidden=hidden_cells(rows, minimum=minimum))


def merged_rows(
    groups: list[tuple[object, int, list[int]]],
    *,
    minimum: int = MINIMUM,
    always_merged: frozenset = frozenset(),
) -> list[Row]:
    """The groups as rows, those under ``minimum`` (and ``always_merged``) merged, with the next
    smallest while needed."""
    ordered = sorted(groups, key=lambda group: (-group[1], str(group[0])))
    rows = [Row(keys=[key], n=n, counts=list(counts)) for key, n, counts in ordered]
    small = [row for row in rows if row.n < minimum or row.keys[0] in always_merged]
    if not small:
        return rows
    large = [row for row in rows if row not in small]
    while (sum(row.n for row in small) < minimum or len(small) < 2) and large:
        small.append(large.pop())  # the smallest of the large ones
    width = len(rows[0].counts)
    other = Row(keys=[], n=0, counts=[0] * width, merged=True)
    for row in small:
        other.keys.extend(row.keys)
        other.n += row.n
        other.counts = [a + b for a, b in zip(other.counts, row.counts, strict=True)]
    return [*large, other]


def _cover(rows: list[Row], covered: frozenset) -> None:
    """Mark the rows holding a ``covered`` group, and the smallest other row if only one is."""
    marked = [row for row in rows if set(row.keys) & covered]
    if len(marked) == 1 and len(rows) > 1:
        marked.append(min((row for row in rows if row not in marked), key=lambda row: row.n))
    for row in marked:
        row.covered = True


def hidden_cells(rows: list[Row], *, minimum: int = MINIMUM) -> set[Cell]:
    """Primary suppression of small counts, then secondary until no hidden cell is a bridge.

    A table of one row is the overall result, which the page shows anyway: nothing to hide."""
    if len(rows) < 2:
        return set()
    hidden = {
        (r, c)
        for r, row in enumerate(rows)
        for c, count in enumerate(row.counts)
        if 0 < count < minimum or row.covered
    }
    while bridge := next((cell for cell in sorted(hidden) if _is_bridge(cell, hidden)), None):
        extra = _second_cell(bridge, rows, hidden)
        if extra is None:
            return {(r, c) for r, row in enumerate(rows) for c in range(len(row.counts))}
        hidden.add(extra)
    return hidden


def _second_cell(cell: Cell, rows: list[Row], hidden: set[Cell]) -> Cell | None:
    """The shown cell in ``cell``'s row or column to hide with it: the smallest positive count,
    else a zero (hiding a zero protects less: it cannot go lower)."""
    row, column = cell
    candidates = [(row, c) for c in range(len(rows[row].counts))] + [(r, column) for r in range(len(rows))]
    shown = [candidate for candidate in candidates if candidate not in hidden]
    if not shown:
        return None
    return min(shown, key=lambda rc: (rows[rc[0]].counts[rc[1]] == 0, rows[rc[0]].counts[rc[1]], rc))


def _is_bridge(cell: Cell, hidden: set[Cell]) -> bool:
    """Whether removing ``cell`` from the graph of hidden cells disconnects its row from its column."""
    neighbours: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for r, c in hidden:
        if (r, c) != cell:
            neighbours[("r", r)].append(("c", c))
            neighbours[("c", c)].append(("r", r))
    start, goal = ("r", cell[0]), ("c", cell[1])
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return False
        for following in neighbours[node]:
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return True
