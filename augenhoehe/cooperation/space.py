"""The cooperations an organisation takes part in, in its own space (``participation.signals``;
participation does not import this app). What ``cooperation:shared_list`` shows, for one organisation."""

from django.dispatch import receiver

from augenhoehe.participation.signals import SpaceSection, space_sections

from .selectors.shared import shared_cooperation_list


@receiver(space_sections, dispatch_uid="cooperation.space")
def space_cooperations(sender, *, request, organisation, **kwargs) -> SpaceSection | None:
    """One query (the shared list's), however many cooperations there are."""
    if not request.user.has_perm("cooperation.view_shared_cooperations"):
        return None
    cooperations = [
        shared
        for shared in shared_cooperation_list(viewer=request.user)
        if any(partner.organisation_id == organisation.pk for partner in shared.own_partners)
    ]
    return SpaceSection(template="cooperation/_space.html", order=10, context={"cooperations": cooperations})
