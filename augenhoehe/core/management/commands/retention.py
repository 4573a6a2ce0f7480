from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from augenhoehe.core.retention import retention_run, retention_schedule, rules


class Command(BaseCommand):
    help = (
        "Run every retention rule now (for cron), or with --schedule queue the daily task the worker runs; "
        "--rule runs one rule only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule", action="store_true", help="Queue the daily task instead of running now."
        )
        parser.add_argument("--rule", help="Run only this rule (its code, see the retention page).")

    def handle(self, *args, schedule: bool, rule: str | None, **options):
        if schedule:
            queued = retention_schedule()
            self.stdout.write(
                _("Täglicher Lauf eingeplant.") if queued else _("Täglicher Lauf ist schon eingeplant.")
            )
            return
        codes = [r.code for r in rules()]
        if rule is not None and rule not in codes:
            raise CommandError(
                _("Unbekannte Regel %(rule)s; bekannt sind: %(codes)s")
                % {"rule": rule, "codes": ", ".join(codes)}
            )
        for code, count in retention_run(only=rule).items():
            self.stdout.write(_("%(rule)s: %(count)s bereinigt") % {"rule": code, "count": count})
