"""The check-in section of a cooperation's page: its context, for ``cooperation.views`` to include."""

from django.conf import settings
from django.utils import formats, translation

from augenhoehe.cooperation.models import Cooperation, Partner

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
