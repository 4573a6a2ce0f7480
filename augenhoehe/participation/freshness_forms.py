"""The network admins' form for the period after which a profile counts as stale."""

from django import forms

from augenhoehe.core.models import Network


class FreshnessPeriodForm(forms.Form):
    """The model field's own label, help and bounds (1–60 months)."""

    months = Network._meta.get_field("freshness_months").formfield()

    def full_clean(self) -> None:
        super().full_clean()
        # The message next to the field is read out with it.
        for name in self.errors:
            if name in self.fields:
                described = f"id_{name}_error id_{name}_helptext"
                self.fields[name].widget.attrs["aria-describedby"] = described
