"""Who may read, write and review the communities' answers.

Objects are an ``Answer`` (which carries its network and organisation) or a network (the
request's active one). The queryset twins are in ``selectors``; ``tests/test_rules.py`` proves
they agree for every role.
"""

import rules

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.directory.permissions import is_mso_member, represented

from .choices import AnswerStatus


@rules.predicate
def is_published_answer(user, answer) -> bool:
    return answer is not None and getattr(answer, "status", None) == AnswerStatus.PUBLISHED


@rules.predicate
def is_returned_answer(user, answer) -> bool:
    return answer is not None and getattr(answer, "status", None) == AnswerStatus.RETURNED


@rules.predicate
def represents_author(user, answer) -> bool:
    """Represents the organisation that wrote ``answer``."""
    organisation_id = getattr(answer, "organisation_id", None)
    return organisation_id is not None and organisation_id in represented(user)


# Published answers are what communities share on purpose; before that only the organisation
# that wrote it and the network it was contributed to (which reviews it) read it.
rules.add_perm("knowledge.view_answer", is_published_answer | represents_author | is_staff_of)
rules.add_perm("knowledge.add_answer", is_mso_member)
# A returned answer goes back to its organisation, which may rework it and submit it again.
rules.add_perm("knowledge.change_answer", represents_author & is_returned_answer)
# No four eyes: an answer is an organisation's view, not a decision about anyone.
rules.add_perm("knowledge.review_answer", is_staff_of)
