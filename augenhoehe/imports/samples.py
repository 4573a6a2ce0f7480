"""Example values of each column for the mapping page, taken from anywhere in the file.

A column that is empty in the first rows is not empty: the examples are the
first few *distinct, non-empty* values found going down the file. The walk
stops as soon as every column has its examples, and never reads more than
``SCAN_ROWS`` rows, so a big file costs no more than a bounded look.
"""

# Distinct examples shown per column.
SAMPLES_PER_COLUMN = 3
# Rows read at most to find them; a file may have up to settings.IMPORT_MAX_ROWS.
SCAN_ROWS = 20_000


def column_samples(rows: list[tuple[int, list[str]]], width: int) -> list[list[str]]:
    """Up to ``SAMPLES_PER_COLUMN`` "rows" whose cell *i* is the *k*-th distinct non-empty value of
    column *i* ("" where the column has fewer). Stored as ``ImportBatch.samples``, so the mapping
    form reads them as it always read the file's first rows.
    """
    found: list[list[str]] = [[] for _index in range(width)]
    missing = set(range(width))
    for _number, cells in rows[:SCAN_ROWS]:
        if not missing:
            break
        for index in list(missing):
            value = cells[index] if index < len(cells) else ""
            if value and value not in found[index]:
                found[index].append(value)
                if len(found[index]) == SAMPLES_PER_COLUMN:
                    missing.discard(index)
    return [[values[k] if k < len(values) else "" for values in found] for k in range(SAMPLES_PER_COLUMN)]


def scanned_rows(row_count: int) -> int:
    """How many rows ``column_samples`` looked at, for "empty in all N rows"."""
    return min(row_count, SCAN_ROWS)
