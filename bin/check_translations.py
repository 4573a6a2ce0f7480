"""Fail if a translation catalogue is stale: a string missing, untranslated, fuzzy,
or a compiled .mo that does not match its .po.

English is complete. Every page a representative of an organisation or the public reads is complete
in every site language (``PUBLIC_PAGES``: the files whose strings those pages show); the pages only
a network's staff read are German and English at least, and fall back to German elsewhere."""

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
# The files whose strings a representative or a visitor reads: the directory and its profiles,
# signing in, one's own data, events (which organisations co-organise), the knowledge base, the
# organisation's side of a cooperation, personal links (check-ins, surveys, feedback, polls), the
# legal pages, the exports anyone may download, and the organisation's own space.
PUBLIC_PAGES = [
    "core/languages.py",
    "core/request_guard.py",
    "core/personal_data.py",
    "core/templates/*.html",
    "core/templates/core/_error*.html",
    "core/templates/core/_field.html",
    "core/templates/core/_pagination.html",
    "core/templates/core/refused.html",
    "core/templates/core/_translations.html",
    "core/templatetags/*.py",
    "core/translations.py",
    "config/settings.py",
    "*/personal_data.py",
    "accounts/forms.py",
    "accounts/invitations.py",
    "accounts/mails.py",
    "accounts/selectors.py",
    "accounts/templates/accounts/_registration.html",
    "accounts/models.py",
    "accounts/services.py",
    "accounts/views.py",
    "accounts/password_views.py",
    "accounts/security_views.py",
    "accounts/templates/accounts/invitation*.html",
    "accounts/templates/accounts/lockout.html",
    "accounts/templates/accounts/login.html",
    "accounts/templates/accounts/password_reset*.html",
    "accounts/templates/accounts/recovery_codes.html",
    "accounts/templates/accounts/second_factor_verify.html",
    "accounts/templates/accounts/security.html",
    "accounts/templates/accounts/totp_setup.html",
    "accounts/templates/accounts/mail/*",
    "directory/*.py",
    "directory/templatetags/*.py",
    "directory/templates/directory/*.html",
    "exports/*.py",
    "legal/*.py",
    "legal/templates/legal/*.html",
    "privacy/consents.py",
    "privacy/forms.py",
    "privacy/services.py",
    "privacy/views.py",
    "privacy/templates/privacy/_preview.html",
    "privacy/templates/privacy/_sections.html",
    "privacy/templates/privacy/erase*.html",
    "privacy/templates/privacy/mine.html",
    "events/*.py",
    "events/templates/events/*.html",
    "events/templates/events/feedback/*",
    "events/templates/events/mail/*",
    "events/templates/events/polls/*",
    "events/templates/events/registration/*",
    "knowledge/*.py",
    "knowledge/templates/knowledge/_answer.html",
    "knowledge/templates/knowledge/form.html",
    "knowledge/templates/knowledge/list.html",
    "knowledge/templates/knowledge/mine.html",
    "cooperation/choices.py",
    "cooperation/space.py",
    "cooperation/templates/cooperation/_space.html",
    "cooperation/shared_forms.py",
    "cooperation/uploads.py",
    "cooperation/services/comments.py",
    "cooperation/views/shared.py",
    "cooperation/templates/cooperation/_comments.html",
    "cooperation/templates/cooperation/_documents.html",
    "cooperation/templates/cooperation/shared_*.html",
    "checkins/choices.py",
    "checkins/space.py",
    "checkins/templates/checkins/_space.html",
    "checkins/forms.py",
    "checkins/services.py",
    "checkins/templates/checkins/_ratings_form.html",
    "checkins/templates/checkins/public/*.html",
    "checkins/templates/checkins/mail/invitation*",
    "checkins/templates/checkins/mail/reminder*",
    "surveys/answer*.py",
    "surveys/choices.py",
    "surveys/space.py",
    "surveys/templates/surveys/_space.html",
    "surveys/templates/surveys/answer/*",
    "surveys/templates/surveys/mail/*",
    "participation/**/*.py",
    "participation/templates/**/*",
]
# Languages every public and representative page is complete in (besides German and English).
PUBLIC_LANGUAGES = ("tr", "ar", "uk", "ru", "pl", "fa")
PARTIAL = dict.fromkeys(PUBLIC_LANGUAGES, PUBLIC_PAGES)


def fresh_msgids(language: str, only: list[str] | None = None) -> set[str]:
    """The msgids makemessages finds now, in the whole package or in the files ``only`` names."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "augenhoehe"
        if only is None:
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
        else:
            for pattern in only:
                for source in PACKAGE.glob(pattern):
                    if not source.is_file() or "tests" in source.parts:
                        continue
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
    # The msgids of a list of files, found once for all the languages that need them.
    needed_by_pages: list[list[str]] = []
    needed_sets: list[set[str]] = []
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
            if PARTIAL[language] not in needed_by_pages:
                needed_by_pages.append(PARTIAL[language])
                needed_sets.append(fresh_msgids(language, only=PARTIAL[language]))
            needed = needed_sets[needed_by_pages.index(PARTIAL[language])]
            done = {e.msgid for e in catalogue.translated_entries() if not e.obsolete}
            if missing := sorted(needed - done):
                problems.append(
                    f"{language}: {len(missing)} strings of public pages untranslated, e.g. {missing[:3]}"
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
