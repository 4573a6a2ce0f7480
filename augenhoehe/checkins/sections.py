"""The check-in section of a cooperation's page and the desk's panel of divergences, added through
the cooperation app's signals (it does not import this app)."""

from django.conf import settings
from django.dispatch import receiver
from django.utils import formats, translation

from augenhoehe.cooperation.models import Cooperation, Partner
from augenhoehe.cooperation.sections import PageSection
from augenhoehe.cooperation.selectors import DESK_ROWS
from augenhoehe.cooperation.signals import desk_panels, detail_sections

from . import selectors
from .charts import trend_chart
from .forms import ContactForm, PlanForm


def _date(day) -> str:
    # Short, so that four dates fit under a phone's chart; the table beside it has the whole date.
    return formats.date_format(day, "j.n.")


def cooperation_checkins_context(
    request, cooperation: Cooperation, partners: list[Partner], **bound_forms
) -> dict:
    """What ``checkins/_section.html`` needs: the plan, the contacts, the rounds, the trend as
    charts and tables, and the divergences. ``bound_forms`` replace a fresh form by its name
    (``plan_form``, ``contact_form`` with ``contact_partner``) when a POST failed."""
    section = selectors.cooperation_section(cooperation=cooperation, partners=partners)
    rtl = translation.get_language_bidi()
    plan = section.plan
    plan_form = bound_forms.get("plan_form") or PlanForm(
        initial={
            "interval_weeks": plan.interval_weeks if plan else 6,
            "active": plan.active if plan else True,
        }
    )
    failed_partner = bound_forms.get("contact_partner")
    contacts = []
    for partner, contact in section.contacts:
        if failed_partner is not None and partner.pk == failed_partner:
            form = bound_forms["contact_form"]
        else:
            form = ContactForm(instance=contact, prefix=f"contact-{partner.pk}")
        contacts.append((partner, contact, form))
    return {
        "checkins": section,
        "checkin_plan_form": plan_form,
        "checkin_contacts": contacts,
        "checkin_margin": settings.CHECKIN_MARGIN,
        "checkin_can_change": request.user.has_perm("checkins.change_checkins", cooperation.network),
        "checkin_charts": [
            (trend, trend_chart(trend, rtl=rtl, date_format=_date)) for trend in section.trend
        ],
    }


@receiver(detail_sections, dispatch_uid="checkins.section")
def checkins_section(sender, *, request, cooperation, forms, **kwargs) -> PageSection:
    partners = list(cooperation.partners.select_related("organisation"))
    context = cooperation_checkins_context(request, cooperation, partners)
    return PageSection(template="checkins/_cooperation_section.html", order=40, context=context)


@receiver(desk_panels, dispatch_uid="checkins.divergences")
def divergences_panel(sender, *, request, network, today, **kwargs) -> PageSection:
    # One query: the factors the two sides of a check-in see differently.
    divergences = selectors.desk_divergences(viewer=request.user, network=network, rows=DESK_ROWS)
    return PageSection(template="checkins/_desk_section.html", order=10, context={"divergences": divergences})
