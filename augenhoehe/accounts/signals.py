"""Signals other apps receive; accounts depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction that ends a membership (removal or leaving), with
# ``user``, ``network`` and ``actor``: whatever the person held for that network
# (API tokens, …) ends with it, or not at all.
membership_ended = Signal()
