"""Who may build, send and read a network's surveys: that network's staff.

Organisations answer through their personal link (``SurveyInvitation``), which needs no account.
"""

import rules

from augenhoehe.accounts.permissions import is_staff_of

rules.add_perm("surveys.manage_survey", is_staff_of)  # asked with the network
rules.add_perm("surveys.view_results", is_staff_of)  # asked with the network
