"""What imports keep about people: the uploaded file and its raw rows, and who uploaded it."""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "imports",
    name=_("Import von Listen"),
    purpose=_(
        "Listen von Organisationen (mit Ansprechpersonen) hochladen, prüfen und ins Verzeichnis übernehmen."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO"),
    recipients=_("Mitarbeitende des importierenden Netzwerks"),
    retention_note=_("Datei und Rohzeilen bis zur Löschfrist; Ergebnis und Protokoll bleiben."),
)

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
    activity="imports",
)
declare(
    "imports.ImportRow",
    # Error messages quote the cell they are about.
    fields={"cells": About.NAMED, "values": About.NAMED, "changes": About.NAMED, "errors": About.NAMED},
    person_lookups=["batch__created_by"],
    activity="imports",
)
declare_not_personal(
    "imports.ImportValueMapping",
    reason="What a folded spelling of a vocabulary value (at most 100 characters) means in a network's "
    "lists; no link to a person, and who decided is in the audit log.",
    not_personal=["value"],
)
