"""Signals other apps receive; accounts depends on none of them."""

from django.dispatch import Signal

# Sent inside the transaction that ends a membership (removal or leaving), with
# ``user``, ``network`` and ``actor``: whatever the person held for that network
# (API tokens, …) ends with it, or not at all.
membership_ended = Signal()
# Sent inside the transaction that takes a person's admin role in a network away (made a
# coordinator), with ``user``, ``network`` and ``actor``: what only an admin may hold (API tokens)
# ends with it.
admin_role_ended = Signal()
