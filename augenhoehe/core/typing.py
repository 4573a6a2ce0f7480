"""Types shared by the apps' annotations."""

from typing import TYPE_CHECKING

from django.utils.functional import Promise

if TYPE_CHECKING:
    # The stubs' precise type of a text that may be a lazy translation (what ``gettext_lazy`` returns).
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = str | Promise

__all__ = ["StrOrPromise"]
