"""Forms both sides of a cooperation use: the conversation and an organisation's own goals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from augenhoehe.directory.models import Organisation

from .services import COMMENT_MAX_LENGTH

GOALS_MAX_LENGTH = 4000


class CommentForm(forms.Form):
    """A comment; someone who represents several of the cooperation's organisations says for which."""

    text = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"required": _("Bitte schreiben Sie einen Kommentar.")},
        help_text=_("Das Netzwerk und alle beteiligten Organisationen lesen ihn."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Sie schreiben für"), queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args, organisations: list[Organisation] = (), **kwargs) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations]).order_by(
                "name"
            )
            field.required = True
            field.empty_label = None
        else:
            del self.fields["organisation"]


class PartnerGoalsForm(forms.Form):
    """What one organisation wants to reach with the cooperation, in its own words."""

    goals = forms.CharField(
        label=_("Ziele Ihrer Organisation"),
        max_length=GOALS_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Was möchte Ihre Organisation mit der Kooperation erreichen? Das Netzwerk liest es."),
    )
