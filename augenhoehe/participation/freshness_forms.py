"""The network admins' form for the period after which a profile counts as stale."""

from django import forms

from augenhoehe.core.models import Network

_MODEL_FIELD = Network._meta.get_field("freshness_months")


class FreshnessPeriodForm(forms.Form):
    """The model field's label and help; its bounds (1–60 months) checked here too, so that the
    message stands next to the field (the model checks them again)."""

    months = forms.IntegerField(
        label=_MODEL_FIELD.verbose_name, help_text=_MODEL_FIELD.help_text, min_value=1, max_value=60
    )

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        # The message next to the field is read out with it.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"id_{name}_error id_{name}_helptext"
