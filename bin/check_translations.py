"""Fail if a translation catalogue is stale: a string missing, untranslated, fuzzy,
or a compiled .mo that does not match its .po.

Ukrainian and Russian are not site languages yet (issue 14): their catalogues hold every string,
and must translate at least what an organisation's contact reads through a check-in's personal
link and in its mails (``PARTIAL``)."""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "augenhoehe"
COMPLETE = {"en"}  # languages every string must be translated into
# Languages translated only for some pages so far: the files whose strings they must translate.
CHECKIN_PAGES = [
    "checkins/choices.py",
    "checkins/forms.py",
    "checkins/services.py",
    "checkins/templates/checkins/_ratings_form.html",
    "checkins/templates/checkins/public/*.html",
    "checkins/templates/checkins/mail/invitation*",
    "checkins/templates/checkins/mail/reminder*",
]
PARTIAL = {"uk": CHECKIN_PAGES, "ru": CHECKIN_PAGES}


def fresh_msgids(language: str, only: list[str] | None = None) -> set[str]:
    """The msgids makemessages finds now, in the whole package or in the files ``only`` names."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "augenhoehe"
        if only is None:
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
        else:
            for pattern in only:
                for source in PACKAGE.glob(pattern):
                    target = copy / source.relative_to(PACKAGE)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(source, target)
        (copy / "locale").mkdir()
        subprocess.run(
            [sys.executable, "-m", "django", "makemessages", "-l", language, "--no-location", "-v", "0"],
            cwd=copy,
            check=True,
        )
        catalogue = polib.pofile(str(copy / "locale" / language / "LC_MESSAGES" / "django.po"))
        return {entry.msgid for entry in catalogue}


def main() -> int:
    problems = []
    for po_path in sorted((PACKAGE / "locale").glob("*/LC_MESSAGES/django.po")):
        language = po_path.parent.parent.name
        catalogue = polib.pofile(str(po_path))
        current = {e.msgid for e in catalogue if not e.obsolete}
        fresh = fresh_msgids(language)
        if missing := fresh - current:
            problems.append(
                f"{language}: {len(missing)} strings not in the catalogue, e.g. {sorted(missing)[:3]}"
            )
        if language in COMPLETE:
            untranslated = [e.msgid for e in catalogue.untranslated_entries() if not e.obsolete]
            fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
            if untranslated or fuzzy:
                problems.append(f"{language}: untranslated {untranslated[:3]} fuzzy {fuzzy[:3]}")
        if language in PARTIAL:
            needed = fresh_msgids(language, only=PARTIAL[language])
            done = {e.msgid for e in catalogue.translated_entries() if not e.obsolete}
            if missing := sorted(needed - done):
                problems.append(
                    f"{language}: {len(missing)} check-in strings untranslated, e.g. {missing[:3]}"
                )
        # A plural entry needs every form its language has (Arabic six, Ukrainian and Russian
        # three or four): a missing one falls back to German at run time, and msgfmt does not mind.
        forms = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
        if forms:
            count = int(forms.group(1))
            short = [
                e.msgid
                for e in catalogue.translated_entries()
                if e.msgid_plural and not e.obsolete and sorted(e.msgstr_plural) != list(range(count))
            ]
            if short:
                problems.append(f"{language}: plural entries without all {count} forms, e.g. {short[:3]}")
        compiled = polib.mofile(str(po_path.with_suffix(".mo")))
        expected = {(e.msgid, e.msgstr) for e in catalogue.translated_entries() if not e.obsolete}
        have = {(e.msgid, e.msgstr) for e in compiled if e.msgid}
        if {m for m, _ in expected} - {m for m, _ in have} or expected - have:
            problems.append(f"{language}: django.mo is not compiled from django.po (run compilemessages)")
    for problem in problems:
        print(problem, file=sys.stderr)
    print("translations: ok" if not problems else "translations: stale")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
