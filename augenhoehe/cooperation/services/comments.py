"""The cooperation's conversation: the network's staff and the representatives of its organisations
write in one thread that both sides read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from augenhoehe.accounts.permissions import is_staff_of
from augenhoehe.core.services import log_action
from augenhoehe.directory.models import Organisation
from augenhoehe.directory.permissions import represented

from ..models import Comment, Cooperation

COMMENT_MAX_LENGTH = 2000


def _speaking_for(
    *, cooperation: Cooperation, actor, organisation: Organisation | None
) -> Organisation | None:
    """The organisation ``actor`` writes for (None: the network's staff), or a ValidationError."""
    partners = set(cooperation.partners.values_list("organisation_id", flat=True))
    own = [pk for pk in represented(actor) if pk in partners]
    if organisation is not None:
        if organisation.pk not in own:
            raise ValidationError({"organisation": _("Sie vertreten diese Organisation hier nicht.")})
        return organisation
    if is_staff_of(actor, cooperation):
        return None
    if len(own) > 1:
        raise ValidationError({"organisation": _("Für welche Organisation schreiben Sie?")})
    if not own:
        raise ValidationError(_("Nur das Netzwerk und die beteiligten Organisationen schreiben hier."))
    return Organisation.objects.get(pk=own[0])


@transaction.atomic
def comment_add(
    *, cooperation: Cooperation, actor, text: str, organisation: Organisation | None = None
) -> Comment:
    """Add ``text`` to the cooperation's conversation: as the network's staff, or for the partner
    organisation ``actor`` represents (``organisation`` names which, if they represent several)."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie einen Kommentar.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Ein Kommentar hat höchstens %(n)d Zeichen.") % {"n": COMMENT_MAX_LENGTH}}
        )
    speaker = _speaking_for(cooperation=cooperation, actor=actor, organisation=organisation)
    comment = Comment(
        network=cooperation.network, cooperation=cooperation, organisation=speaker, author=actor, text=text
    )
    comment.full_clean()
    comment.save()
    # The text stays out of the log: it is the conversation's, and is erased with it.
    log_action(
        subject=cooperation,
        action="cooperation.comment.added",
        actor=actor,
        network=cooperation.network,
        data={"comment": comment.pk, "organisation": comment.organisation_id},
    )
    return comment


@transaction.atomic
def comment_remove(*, comment: Comment, actor) -> None:
    """Take a comment back: its author, or the network's staff."""
    if not actor.has_perm("cooperation.remove_comment", comment):
        raise ValidationError(
            _("Nur wer den Kommentar geschrieben hat oder das Netzwerk darf ihn entfernen.")
        )
    cooperation, pk, organisation_id = comment.cooperation, comment.pk, comment.organisation_id
    comment.delete()
    log_action(
        subject=cooperation,
        action="cooperation.comment.removed",
        actor=actor,
        network=cooperation.network,
        data={"comment": pk, "organisation": organisation_id},
    )
