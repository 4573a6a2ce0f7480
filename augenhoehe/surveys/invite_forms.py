"""Which organisations to invite: the directory's own search form, with the filters a survey's
distribution needs offered as choices (text, Kreis, kind, languages, fields of activity).

It keeps the directory's rules (unknown filter values reported, not applied) and gives the same
arguments as the directory's search, so "the organisations of a directory search" means exactly
what the directory would find for this person.
"""

from collections.abc import Sequence

from django import forms

from augenhoehe.core.languages import Language
from augenhoehe.core.models import Network
from augenhoehe.core.typing import StrOrPromise
from augenhoehe.directory import choices
from augenhoehe.directory.facets import facets_for
from augenhoehe.directory.forms import DirectorySearchForm

# The directory's facets offered here, with their vocabularies (Kreis: the network's own).
OFFERED = ("kreis", "kind", "language", "field")


class InviteSearchForm(DirectorySearchForm):
    """The directory search, read from the URL; the offered filters rendered as check boxes."""

    def __init__(self, *args, viewer, network: Network, **kwargs) -> None:
        facets = tuple(f for f in facets_for(viewer) if f.key in OFFERED)
        super().__init__(*args, viewer=viewer, facets=facets, **kwargs)
        vocabularies: dict[str, Sequence[tuple[str, StrOrPromise]]] = {
            "kreis": [(k.ags, k.display_name) for k in network.kreise.order_by("name")],
            "kind": choices.Kind.choices,
            "language": Language.choices,
            "field": choices.Field.choices,
        }
        for key, values in vocabularies.items():
            field = self.fields.get(key)
            if isinstance(field, forms.MultipleChoiceField):
                field.choices = values
                field.widget = forms.CheckboxSelectMultiple(choices=values)
        del self.fields["sort"]
        del self.fields["page"]
