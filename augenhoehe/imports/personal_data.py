"""What imports keep about people: the uploaded file and its raw rows, and who uploaded it."""

from augenhoehe.core.personal_data import About, declare

declare(
    "imports.ImportBatch",
    fields={
        "content": About.NAMED,
        "samples": About.NAMED,
        "file_name": About.NAMED,
        # The reason an import failed may quote a cell; it stays after the retention period as the outcome.
        "failure": About.NAMED,
        "created_by": About.UPLOADER,
    },
    person_lookups=["created_by"],
)
declare(
    "imports.ImportRow",
    # Error messages quote the cell they are about.
    fields={"cells": About.NAMED, "values": About.NAMED, "changes": About.NAMED, "errors": About.NAMED},
    person_lookups=["batch__created_by"],
)
