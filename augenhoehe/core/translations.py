"""Per-language versions of the texts people write (``core.models.Translated``): the form fields
that edit them, and the text a reader is shown.

A form that mixes in ``TranslationsFormMixin`` gets one optional field per other site language and
translatable field, validated like the original (its length and validators). Its ``clean()``
gathers them into ``cleaned_data["translations"]`` (``{language: {field: text}}``, blank versions
removed), which the app's service stores like any other field.

A reader sees the version in the page's language if there is one, else the original
(``shown_text``); the element carries the ``lang`` and ``dir`` of the text actually shown, so that a
screen reader reads a German original as German inside an Arabic page.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.core import validators
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .languages import Language
from .models import BASE_LANGUAGE, Translated

# Scripts written right to left, among the site's and the organisations' languages.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "prs", "ps", "ur", "he", "ckb"})


def text_direction(language: str) -> str:
    """``rtl`` or ``ltr``: the direction ``language`` is written in."""
    return "rtl" if language.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def language_name(language: str) -> str:
    """The name of ``language`` in the active language ("Türkisch" on a German page)."""
    if language in Language.values:
        return str(Language(language).label)
    try:
        return str(translation.get_language_info(language)["name_translated"])
    except KeyError:
        return language


def site_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class ShownText:
    """A text as one reader sees it: the version in their language or the original."""

    text: str
    language: str
    page_language: str
    # The original of a row that does not say its language (``Translated.ORIGINAL_LANGUAGE_STATED``):
    # ``language`` is only the assumed one, so the direction is left to the text and no note claims it.
    language_assumed: bool = False

    @property
    def direction(self) -> str:
        return "auto" if self.language_assumed else text_direction(self.language)

    @property
    def attrs(self) -> SafeString:
        """``lang="…" dir="…"`` for the element that holds the text."""
        return format_html('lang="{}" dir="{}"', self.language, self.direction)

    @property
    def other_language(self) -> bool:
        """Whether the text is in another language than the page (no version in the page's)."""
        return bool(self.text) and self.language.split("-")[0] != self.page_language.split("-")[0]

    @property
    def note(self) -> str:
        """ "Original, Sprache: Türkisch" where the original stands in for a missing version; else ""."""
        if self.language_assumed or not self.other_language:
            return ""
        # Translators: a note under a text shown in its original language because there is no version
        # in the page's language; %(language)s is a language's name, used as a label (no inflection).
        return gettext("Original, Sprache: %(language)s") % {"language": language_name(self.language)}

    def __str__(self) -> str:
        return self.text


def shown_text(row: Translated, field: str, language: str | None = None) -> ShownText:
    """``field`` of ``row`` in ``language`` (default: the active one) if there is a version, else
    the original, with the language of what is shown."""
    page_language = language or translation.get_language() or BASE_LANGUAGE
    text, shown_language = row.translated(field, page_language.split("-")[0])
    is_original = shown_language == row.base_language
    return ShownText(
        text=text or "",
        language=shown_language,
        page_language=page_language,
        language_assumed=is_original and not row.ORIGINAL_LANGUAGE_STATED,
    )


def versions(row: Translated, field: str) -> list[ShownText]:
    """Every stored version of ``field`` (not the original), in the order of the site languages
    and then the others, for a page that must show all of them (a review before publishing)."""
    order = {code: index for index, code in enumerate(site_language_codes())}
    found = [
        ShownText(text=str(fields.get(field) or "").strip(), language=language, page_language=language)
        for language, fields in (row.translations or {}).items()
        if isinstance(fields, dict)
    ]
    return sorted(
        (version for version in found if version.text),
        key=lambda version: (order.get(version.language, len(order)), version.language),
    )


# The limit of a version whose original has none (a profile's description): far above a real text,
# far below a flood.
UNLIMITED_MAX_LENGTH = 5000


def _version_name(field: str, language: str) -> str:
    return f"{field}__{language}"


# Validators every CharField adds itself; copying them from the original would report twice.
_OWN_VALIDATORS = (
    validators.MaxLengthValidator,
    validators.MinLengthValidator,
    validators.ProhibitNullCharactersValidator,
)


if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


@dataclass(frozen=True)
class VersionGroup:
    """The versions of one field, one per language, for the template."""

    label: str
    fields: list[forms.BoundField]


class TranslationsFormMixin(_FormBase):
    """Adds to a form one optional field per other site language for each of ``translatable_fields``.

    Put it before the form class (``class F(TranslationsFormMixin, forms.ModelForm)``). The current
    versions come from ``initial["translations"]`` or the instance's ``translations``. A form whose
    originals may be in any language names the field that says which (``original_language_field``);
    a version in that language is refused, the original is the text above.
    """

    translatable_fields: tuple[str, ...] = ()
    original_language_field: str = ""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self._current_translations()
        for language in self._version_languages():
            for field in self.translatable_fields:
                if field not in self.fields:
                    continue
                name = _version_name(field, language)
                self.fields[name] = self._version_field(self.fields[field], language)
                # The field's name too, not only the language: the error summary and a screen reader
                # that jumps to the input from it do not read the fieldset's legend.
                # Translators: the label of a version of a text, e.g. "Titel (Türkisch – Türkçe)".
                self.fields[name].label = gettext("%(field)s (%(language)s)") % {
                    "field": self.fields[field].label,
                    "language": self.fields[name].label,
                }
                self.initial.setdefault(name, (current.get(language) or {}).get(field, ""))

    def _current_translations(self) -> dict[str, dict[str, str]]:
        current = self.initial.get("translations")
        if current is None:
            current = getattr(getattr(self, "instance", None), "translations", None)
        return current if isinstance(current, dict) else {}

    def _version_languages(self) -> list[str]:
        if self.original_language_field:
            return site_language_codes()
        return [code for code in site_language_codes() if code != BASE_LANGUAGE]

    @staticmethod
    def _version_field(original: forms.Field, language: str) -> forms.CharField:
        attrs = {key: value for key, value in original.widget.attrs.items() if key in ("rows", "cols")}
        widget = (
            forms.Textarea(attrs=attrs) if isinstance(original.widget, forms.Textarea) else forms.TextInput()
        )
        widget.attrs.update({"lang": language, "dir": text_direction(language)})
        return forms.CharField(
            label=_language_label(language),
            required=False,
            max_length=getattr(original, "max_length", None) or UNLIMITED_MAX_LENGTH,
            validators=[v for v in original.validators if not isinstance(v, _OWN_VALIDATORS)],
            widget=widget,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned is None:
            cleaned = self.cleaned_data
        original_language = (
            cleaned.get(self.original_language_field) if self.original_language_field else BASE_LANGUAGE
        )
        # Start from what is stored: a version the form has no field for (a language that is no site
        # language, a field this form or person leaves out) stays as it is.
        versions = {
            language: dict(fields)
            for language, fields in self._current_translations().items()
            if isinstance(fields, dict)
        }
        for language in self._version_languages():
            for field in self.translatable_fields:
                name = _version_name(field, language)
                if name not in self.fields:
                    continue
                text = (cleaned.pop(name, "") or "").strip()
                if text and language == original_language:
                    self.add_error(
                        name,
                        _("Das ist die Sprache des Originals. Bitte schreiben Sie den Text oben ins Feld."),
                    )
                    continue
                if text:
                    versions.setdefault(language, {})[field] = text
                else:
                    versions.get(language, {}).pop(field, None)
        cleaned["translations"] = {language: fields for language, fields in versions.items() if fields}
        return cleaned

    @cached_property
    def version_groups(self) -> list[VersionGroup]:
        """The version fields by original field, for ``core/_translations.html``."""
        groups = []
        for field in self.translatable_fields:
            names = [_version_name(field, language) for language in self._version_languages()]
            bound = [self[name] for name in names if name in self.fields]
            if bound:
                groups.append(VersionGroup(label=str(self.fields[field].label), fields=bound))
        return groups

    @property
    def versions_have_errors(self) -> bool:
        return any(field.errors for group in self.version_groups for field in group.fields)


def _language_label(language: str) -> str:
    """The language's name in the page's language and, where that differs, in its own."""
    info = translation.get_language_info(language)
    translated, local = str(info["name_translated"]), info["name_local"]
    return translated if translated == local else f"{translated} – {local}"


def changed_languages(before: dict, after: dict) -> list[str]:
    """The languages whose versions differ between two ``translations``, for the audit log."""
    return sorted(code for code in {*before, *after} if before.get(code) != after.get(code))
