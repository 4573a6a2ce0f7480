"""Rules a profile value must keep whichever way it arrives (page, API, import, a direct service call).

They sit on the model fields, so ``full_clean`` in the services applies them; the
profile form runs the same validators to report every field at once.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST_FOUNDING_YEAR = 1800
FOUNDING_YEAR_MESSAGE = _("%(value)s ist als Gründungsjahr nicht möglich (1800 bis heute).")
POSTAL_CODE_MESSAGE = _("Eine Postleitzahl hat fünf Ziffern.")

# German postal codes have exactly five digits; "01067" keeps its leading zero.
postal_code_validator = RegexValidator(r"\A[0-9]{5}\Z", message=POSTAL_CODE_MESSAGE, code="postal_code")


@deconstructible(path="augenhoehe.directory.validators.NotAfterCurrentYearValidator")
class NotAfterCurrentYearValidator:
    """A year that has not come yet cannot be a founding year ("Gegründet 20111").

    The bound is read at each call, so it moves with the calendar without a migration.
    """

    message = FOUNDING_YEAR_MESSAGE
    code = "year_in_future"

    def __init__(self, message=None) -> None:
        if message is not None:
            self.message = message

    def __call__(self, value: int) -> None:
        if value is not None and value > timezone.localdate().year:
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other) -> bool:
        return isinstance(other, NotAfterCurrentYearValidator) and self.message == other.message


FOUNDING_YEAR_VALIDATORS: list[Callable[[Any], None]] = [
    MinValueValidator(EARLIEST_FOUNDING_YEAR, message=FOUNDING_YEAR_MESSAGE),
    NotAfterCurrentYearValidator(),
]
