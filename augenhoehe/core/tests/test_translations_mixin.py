"""The form mixin for per-language versions keeps what the form does not edit."""

from django import forms

from augenhoehe.core.translations import TranslationsFormMixin


class TwoTexts(TranslationsFormMixin, forms.Form):
    translatable_fields = ("title", "description")

    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea)


class TitleOnly(TwoTexts):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A form that leaves a translatable field out (per role, or reworked by another part).
        for name in [name for name in self.fields if name.startswith("description")]:
            del self.fields[name]


STORED = {
    "tr": {"title": "Başlık", "description": "Açıklama"},
    "ar": {"description": "وصف"},
    "ku": {"title": "Sernav"},  # no site language: no field for it
}


def test_versions_of_a_field_the_form_leaves_out_are_kept():
    form = TitleOnly(
        data={"title": "Titel", "title__tr": "Yeni başlık", "title__ar": ""}, initial={"translations": STORED}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["translations"] == {
        "tr": {"title": "Yeni başlık", "description": "Açıklama"},
        "ar": {"description": "وصف"},
        "ku": {"title": "Sernav"},
    }


def test_a_blanked_version_is_removed_and_an_empty_language_dropped():
    form = TwoTexts(
        data={"title": "Titel", "title__tr": "", "description__tr": " ", "description__ar": ""},
        initial={"translations": STORED},
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["translations"] == {"ku": {"title": "Sernav"}}
    assert STORED["tr"] == {"title": "Başlık", "description": "Açıklama"}  # the stored dict untouched
