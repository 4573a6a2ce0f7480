"""Reads of the cooperation app, for the viewer given; one module per subject, names exported here."""

from .cooperations import (
    PER_PAGE,
    FundingEnding,
    cooperation_funding_periods,
    cooperation_get_for_user,
    cooperation_list,
    cooperation_stage_changes,
    cooperation_visible_queryset,
    funding_ending,
    funding_period_get_for_user,
    organisation_choices,
    organisation_for_vetting,
    vetting_get,
    vetting_list,
    vetting_page,
    vetting_visible_queryset,
    vettings_of,
)

__all__ = [
    "PER_PAGE",
    "vetting_visible_queryset",
    "vetting_list",
    "vetting_page",
    "vetting_get",
    "vettings_of",
    "organisation_for_vetting",
    "cooperation_visible_queryset",
    "cooperation_list",
    "cooperation_get_for_user",
    "cooperation_stage_changes",
    "organisation_choices",
    "cooperation_funding_periods",
    "funding_period_get_for_user",
    "FundingEnding",
    "funding_ending",
]
