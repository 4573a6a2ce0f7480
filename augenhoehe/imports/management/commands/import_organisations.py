from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.selectors import user_networks
from augenhoehe.core.models import Network
from augenhoehe.imports import services as importing
from augenhoehe.imports import value_services
from augenhoehe.imports.columns import IGNORE, heading_key, targets
from augenhoehe.imports.models import ImportBatch, ImportRow
from augenhoehe.imports.reading import UnreadableFile
from augenhoehe.imports.value_arguments import describe_value, resolve_values, value_arguments


class Command(BaseCommand):
    help = (
        "Import a list of organisations (CSV or XLSX) as the pages do: map the columns, check every row, "
        "then write all or nothing. Rows that resemble stored profiles are created separately unless "
        "they are the same organisation (same name in the same Kreis, or the same id)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True, help="Username of the network staff member importing.")
        parser.add_argument(
            "--network",
            default="",
            help="Short name (slug) of the network; needed if the user works for several.",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADING=COLUMN",
            help="Map a heading to a column key (see FORMAT.md), or to nothing with 'HEADING='. Repeatable.",
        )
        parser.add_argument(
            "--map-value",
            action="append",
            default=[],
            metavar="COLUMN:VALUE=COLUMN:CODE",
            help=(
                "What a value the vocabularies do not know means: a value of its column ('languages:Kurdisch=ckb'), "
                "of another column ('kind:Bildung=fields:education'), or nothing ('kind:Verschiedenes='). "
                "Codes or labels; kept for the network's next lists. Repeatable."
            ),
        )
        parser.add_argument(
            "--value-map",
            type=Path,
            help="A file with one --map-value mapping per line ('#' starts a comment).",
        )
        parser.add_argument("--default-kind", default="other", help="Kind for rows without one.")
        parser.add_argument("--skip-errors", action="store_true", help="Write the other rows anyway.")
        parser.add_argument("--dry-run", action="store_true", help="Check and report only; write nothing.")

    def handle(
        self,
        *args,
        file: Path,
        user: str,
        network: str,
        map: list[str],
        map_value: list[str],
        value_map: Path | None,
        default_kind: str,
        skip_errors: bool,
        dry_run: bool,
        **options,
    ):
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(_("Unbekannte Person: %(user)s") % {"user": user})
        target = self._network(actor, network)
        # A command has no request: it enters the network it imports for explicitly.
        values = value_arguments(map_value, value_map)
        with network_scope(target):
            self._import(actor, target, file, map, values, default_kind, skip_errors, dry_run)

    def _network(self, actor, slug: str) -> Network:
        networks = user_networks(user=actor)
        if not networks:
            raise CommandError(_("Nur Mitarbeitende eines Netzwerks können Listen importieren."))
        chosen = [n for n in networks if n.slug == slug] if slug else networks
        if len(chosen) != 1:
            raise CommandError(
                _("Netzwerk angeben (--network): %(choices)s")
                % {"choices": ", ".join(n.slug for n in networks) or "–"}
            )
        return chosen[0]

    def _import(self, actor, network, file, map, values, default_kind, skip_errors, dry_run) -> None:  # noqa: PLR0913
        try:
            batch = importing.import_start(
                network=network, actor=actor, file_name=file.name, content=file.read_bytes()
            )
        except OSError as error:
            raise CommandError(str(error)) from error
        except UnreadableFile as error:
            raise CommandError(str(error)) from error
        except PermissionDenied:
            raise CommandError(_("Nur Mitarbeitende eines Netzwerks können Listen importieren.")) from None
        mapping = self._mapping(batch, map)
        labels = dict(targets())
        for header, column in zip(batch.headers, mapping, strict=True):
            self.stdout.write(f"  {header} → {labels.get(column, '–')}")
        try:
            importing.import_map(batch=batch, mapping=mapping, default_kind=default_kind, actor=actor)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        importing.import_check(batch=batch, actor=actor)
        if batch.status == ImportBatch.Status.VALUES:
            self._map_values(batch, actor, values, keep=not dry_run, leave=skip_errors)
            importing.import_check(batch=batch, actor=actor)
        self._report(batch)
        if batch.counts.get(ImportRow.Action.ERROR) and not skip_errors:
            importing.import_cancel(batch=batch, actor=actor)
            raise CommandError(
                _("Zeilen mit Fehlern: nichts geschrieben. Datei korrigieren oder --skip-errors.")
            )
        if dry_run:
            importing.import_cancel(batch=batch, actor=actor)
            self.stdout.write(_("Probelauf: nichts geschrieben."))
            return
        importing.import_confirm(batch=batch, skip_errors=skip_errors, actor=actor)
        importing.import_run(batch=batch, actor=actor)
        if batch.status != ImportBatch.Status.DONE:
            raise CommandError(batch.failure)
        self.stdout.write(self.style.SUCCESS(_("Import abgeschlossen.")))

    def _map_values(  # noqa: PLR0913
        self, batch: ImportBatch, actor, given: dict[tuple[str, str], str], *, keep: bool, leave: bool
    ) -> None:
        """Apply the values given on the command line and the network's kept ones; all or nothing,
        unless rows with errors are to be skipped (``leave``): then unmapped values stay their errors."""
        choices, missing = resolve_values(batch.unknown_values.get("values", []), given, leave=leave)
        if missing:
            self.stdout.write(_("Unbekannte Werte (je Wert: Anzahl, Zeilen, Vorschläge):"))
            for entry in missing:
                self.stdout.write("  " + describe_value(entry))
            if batch.unknown_values.get("hidden"):
                self.stdout.write(
                    _("… und %(count)s weitere Werte.") % {"count": batch.unknown_values["hidden"]}
                )
            importing.import_cancel(batch=batch, actor=actor)
            raise CommandError(
                _("Unbekannte Werte: nichts geschrieben. Mit --map-value SPALTE:WERT=SPALTE:CODE zuordnen.")
            )
        try:
            value_services.import_map_values(batch=batch, choices=choices, actor=actor, keep=keep)
        except ValidationError as error:
            importing.import_cancel(batch=batch, actor=actor)
            raise CommandError(" ".join(error.messages)) from error

    def _mapping(self, batch: ImportBatch, overrides: list[str]) -> list[str]:
        mapping = list(batch.mapping)
        known = {column for column, _label in targets()}
        for override in overrides:
            heading, separator, column = override.partition("=")
            indexes = [i for i, h in enumerate(batch.headers) if heading_key(h) == heading_key(heading)]
            if not separator or not indexes or (column and column not in known):
                raise CommandError(
                    _("--map %(value)s: erwartet wird ÜBERSCHRIFT=SPALTE.") % {"value": override}
                )
            for index in indexes:
                mapping[index] = column or IGNORE
        return mapping

    def _report(self, batch: ImportBatch) -> None:
        counts = batch.counts
        self.stdout.write(
            _(
                "Neu: %(create)s, aktualisieren: %(update)s, unverändert: %(unchanged)s, übersprungen: %(skip)s, Fehler: %(error)s"
            )
            % {key: counts.get(key, 0) for key in ("create", "update", "unchanged", "skip", "error")}
        )
        for row in batch.rows.exclude(
            action__in=[ImportRow.Action.CREATE, ImportRow.Action.UNCHANGED]
        ).order_by("number"):
            for error in row.errors:
                where = f"{error['column']}: " if error["column"] else ""
                self.stdout.write(
                    _("Zeile %(row)s: %(where)s%(message)s")
                    % {"row": row.number, "where": where, "message": error["message"]}
                )
            if row.note:
                self.stdout.write(_("Zeile %(row)s: %(message)s") % {"row": row.number, "message": row.note})
        for row in (
            batch.rows.filter(action=ImportRow.Action.CREATE).exclude(candidates=[]).order_by("number")
        ):
            names = ", ".join(f"{c['name']} (#{c['id']})" for c in row.candidates)
            self.stdout.write(
                _("Zeile %(row)s: wird neu angelegt; ähnlich: %(names)s")
                % {"row": row.number, "names": names}
            )
