"""Signals other apps use to take part in a cooperation's pages without this app importing them.

Like pretix's ``order_info`` signals: the cooperation app stays at the bottom of the picture, and an app
built on it (interpreters, check-ins, matching) adds its own section to the cooperation's page.
"""

from django.dispatch import Signal

# Sent while the staff page of a cooperation is rendered, with ``request``, ``cooperation`` and ``forms``
# (the bound forms of a POST that failed, by context name; a receiver pops its own). A receiver returns
# ``None`` (nothing to add) or a ``PageSection``.
detail_sections = Signal()

# Sent while the desk is rendered, with ``request``, ``network`` and ``today``. A receiver returns
# ``None`` or a ``PageSection`` whose template is one more panel (``<section class="desk__panel">``).
# A panel costs a fixed number of queries however much data the network has (the desk's count test
# covers every panel registered).
desk_panels = Signal()
