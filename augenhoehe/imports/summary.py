"""What the preview says about blocked rows: how many, and why, grouped by the column at fault.

"12 Zeilen sind blockiert: 9 × Spalte C (Art), 3 × Spalte B (Ort)", each group with an example
message and a link to exactly those rows. A row with errors in two columns counts in both groups.
"""

from dataclasses import dataclass, field

from .models import ImportBatch, ImportRow


@dataclass
class BlockedReason:
    column: str  # "C (Art)", or "" for the row as a whole
    example: str
    numbers: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.numbers)


def blocked_reasons(batch: ImportBatch) -> list[BlockedReason]:
    """The reasons rows are blocked, most frequent first (one read of the error rows' messages)."""
    reasons: dict[str, BlockedReason] = {}
    rows = batch.rows.filter(action=ImportRow.Action.ERROR).order_by("number").values_list("number", "errors")
    for number, errors in rows:
        for error in errors:
            reason = reasons.setdefault(error["column"], BlockedReason(error["column"], error["message"]))
            if not reason.numbers or reason.numbers[-1] != number:
                reason.numbers.append(number)
    return sorted(reasons.values(), key=lambda reason: (-reason.count, reason.column))
