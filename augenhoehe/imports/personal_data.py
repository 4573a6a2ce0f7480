"""What imports keep about people: the uploaded file and its raw rows, and who uploaded it."""

from augenhoehe.core.personal_data import About, declare, declare_not_personal

declare(
    "imports.ImportBatch",
    fields={
        "content": About.NAMED,
        "samples": About.NAMED,
        # The value step quotes cells of vocabulary columns ("Bildung", "Kurdisch"), and keys them.
        "unknown_values": About.NAMED,
        "value_mapping": About.NAMED,
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
declare_not_personal(
    "imports.ImportValueMapping",
    reason="What a folded spelling of a vocabulary value (at most 100 characters) means in a network's "
    "lists; no link to a person, and who decided is in the audit log.",
    not_personal=["value"],
)
