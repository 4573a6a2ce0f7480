"""Merging a row into an earlier row of the same file (see infile.py), checked by the directory's rules."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from augenhoehe.directory.services import organisation_check

from .checking import from_json, plan_row, service_arguments, to_json
from .infile import mark_merged, merged_values
from .models import ImportRow

Action = ImportRow.Action


def merge_into_earlier(row: ImportRow, earlier: ImportRow, *, default_kind: str, actor) -> None:
    """Give ``earlier`` the later ``row``'s values and check it again (as an update of its profile,
    or as a new one); ``row`` is then skipped. Changes both in memory; raises ``ValidationError``
    (naming the earlier row) where the merged values break the directory's rules."""
    earlier.values = to_json(merged_values(from_json(earlier.values), from_json(row.values)))
    try:
        if earlier.target is not None:
            again = Action.UPDATE if earlier.action == Action.UNCHANGED else earlier.action
            plan_row(earlier, target=earlier.target, action=again, actor=actor)
        else:
            fields, tags, umbrellas = service_arguments(from_json(earlier.values), default_kind=default_kind)
            organisation_check(
                actor=actor, fields=fields, tags=tags, umbrellas=umbrellas, network=earlier.batch.network
            )
    except ValidationError as error:
        raise ValidationError(
            _("Zusammengeführt wäre Zeile %(number)s nicht gültig: %(message)s")
            % {"number": earlier.number, "message": " ".join(error.messages)}
        ) from error
    mark_merged(row, earlier)
