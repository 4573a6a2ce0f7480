"""Every named URL, requested (GET) by every role, answers what the table below says.

The URLs come from the URLconf, so a new page without a stated expectation fails
here. Left out: ``admin:`` (Django's admin is for the installation's operators,
signed in as superusers, none of the roles here) — every other URL is visited.
"""

from datetime import date, timedelta

import pytest
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from augenhoehe.accounts import services as accounts_services
from augenhoehe.accounts.middleware import network_scope
from augenhoehe.accounts.models import NetworkMembership, NetworkRole
from augenhoehe.api import services as api_services
from augenhoehe.checkins import services as checkin_services
from augenhoehe.cooperation import services as cooperation_services
from augenhoehe.cooperation.models import Partner
from augenhoehe.directory import proposals as directory_proposals  # review
from augenhoehe.directory import services as directory_services
from augenhoehe.directory.models import RepresentativeRole
from augenhoehe.events import feedback as feedback_services
from augenhoehe.events import registration as registration_services
from augenhoehe.events import services as event_services
from augenhoehe.events.models import Event, EventOrganiser, Series
from augenhoehe.events.registration_links import CANCEL, CONFIRM, link_token
from augenhoehe.events.tests import polls_support, registration_helpers
from augenhoehe.imports import services as importing
from augenhoehe.interpreters import services as interpreter_services
from augenhoehe.knowledge import services as knowledge_services
from augenhoehe.mail.backends import OutboxBackend
from augenhoehe.mail.models import OutboxMail
from augenhoehe.matching import services as matching_services
from augenhoehe.participation import freshness  # freshness
from augenhoehe.participation import people as space_people  # space
from augenhoehe.participation.models import ListingRequest  # listing
from augenhoehe.participation.tests.helpers import token_in as space_token_in  # space
from augenhoehe.statistics import services as statistics_services
from augenhoehe.surveys.distribution import invitation_token  # surveys answer
from augenhoehe.surveys.models import SurveyInvitation  # surveys answer
from augenhoehe.surveys.testing import survey_sample  # surveys answer
from augenhoehe.testing.factories import NetworkFactory, representative, sign_in, staff, with_second_factor

from .mails import token_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("regions")]

ROLES = [
    "anonymous",
    "mso_admin_a",
    "mso_member_b",
    "coordinator_1",
    "admin_1",
    "coordinator_2",
    "admin_2",
    "coordinator_both",
]
SKIPPED_NAMESPACES = ("admin:",)

# Shorthands for whole rows.
PUBLIC = dict.fromkeys(ROLES, 200)
# login_required, then the view refuses GET: anonymous is sent to the login page.
POST_ONLY = dict.fromkeys(ROLES, 405) | {"anonymous": 302}


def row(anonymous, mso_a, mso_b, coord_1, admin_1, coord_2, admin_2, both) -> dict[str, int]:
    return dict(zip(ROLES, [anonymous, mso_a, mso_b, coord_1, admin_1, coord_2, admin_2, both], strict=True))


# Org A is unpublished (MSO admin: mso_admin_a), org B published (MSO member: mso_member_b);
# the import and the token belong to network 1. "both" works in networks 1 and 2, network 1 active.
# Only GET is sent: a page that takes POST alone answers 405 before it looks anything up.
STAFF_PAGE = row(302, 403, 403, 200, 200, 200, 200, 200)
# What MSO admin A may see: its own unpublished profile; staff of every network see every profile.
PROFILE_A = row(404, 200, 404, 200, 200, 200, 200, 200)
# Network 1's import: its staff see it, network 2 is told nothing exists (404, not 403).
PASSKEY_CEREMONY = dict.fromkeys(ROLES, 405) | {"anonymous": 403}
IMPORT_OF_1 = row(302, 403, 403, 200, 200, 404, 404, 200)
SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200, 200)
REGISTER = row(302, 403, 403, 403, 200, 403, 200, 403)
# Network 1's event co-organised by org A (live polls, feedback): its staff and org A's members.
EVENT_OF_1 = row(302, 200, 404, 200, 200, 404, 404, 200)
EXPECTED: dict[str, dict[str, int]] = {
    "home": dict.fromkeys(ROLES, 302),
    "directory:search": PUBLIC,
    "legal:imprint": PUBLIC,
    "legal:privacy": PUBLIC,
    "legal:accessibility": PUBLIC,
    # --- a11y --- the page in Leichte Sprache: for everybody.
    "legal:easy_language": PUBLIC,
    # --- end of a11y ---
    "directory:count": PUBLIC,
    "directory:map": PUBLIC,
    # After signing in: a redirect for everyone (to the one represented profile, or the directory).
    "directory:landing": dict.fromkeys(ROLES, 302),
    "directory:create": STAFF_PAGE,
    "directory:detail": PROFILE_A,
    "directory:update": row(302, 200, 404, 200, 200, 200, 200, 200),
    "directory:history": PROFILE_A,
    "directory:confirm": POST_ONLY,
    "directory:note_add": POST_ONLY,
    # Org A has its MSO admin, so every network may only suggest; its admin may not suggest to herself.
    "directory:suggest": row(302, 403, 404, 200, 200, 200, 200, 200),
    "directory:suggestions": row(302, 200, 200, 200, 200, 200, 200, 200),
    # Network 2's suggestion about org A: org A's MSO admin decides it, network 2 made it; the
    # others (network 1 is active for "both") are told nothing exists.
    "directory:suggestion": row(302, 200, 404, 404, 404, 200, 200, 404),
    # Signed in, the login page sends each person to where they work.
    "accounts:login": row(200, 302, 302, 302, 302, 302, 302, 302),
    "accounts:logout": dict.fromkeys(ROLES, 405),
    "accounts:network_switch": POST_ONLY,
    "exports:organisations_csv": PUBLIC,
    "exports:organisations_excel_csv": PUBLIC,
    "exports:organisations_xlsx": PUBLIC,
    "exports:organisations_json": PUBLIC,
    "exports:organisations_geojson": PUBLIC,
    "exports:organisations_people_csv": PUBLIC,
    "exports:organisations_people_xlsx": PUBLIC,
    "exports:organisation_vcard": PROFILE_A,
    "imports:list": STAFF_PAGE,
    "imports:detail": IMPORT_OF_1,
    # Back from the preview to the mapping: the checked import's staff only.
    "imports:mapping": IMPORT_OF_1,
    "imports:values": POST_ONLY,
    # The preview is checked, so there is no progress to report (204).
    "imports:progress": row(302, 403, 403, 204, 204, 404, 404, 204),
    "imports:decide": POST_ONLY,
    "imports:confirm": POST_ONLY,
    "imports:cancel": POST_ONLY,
    "imports:publish": POST_ONLY,
    "api:organisation_list": PUBLIC,
    "api:organisation_detail": PROFILE_A,
    # A network's cooperations: its staff and tokens only; visitors are asked for credentials (401),
    # MSO members refused (403), network 1's cooperation is not found in network 2 (404).
    "api:cooperation_list": row(401, 403, 403, 200, 200, 200, 200, 200),
    "api:cooperation_detail": row(401, 403, 403, 200, 200, 404, 404, 200),
    "api:cooperation_stage": row(401, 405, 405, 405, 405, 405, 405, 405),
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    # Each network's admins manage that network's tokens (admin_2 sees network 2's, empty, list).
    "api:tokens": row(302, 403, 403, 403, 200, 403, 200, 403),
    "api:token_revoke": POST_ONLY,
    # Network 1's people: its admins manage them; network 2's admin manages only network 2's
    # (its people page 200, network 1's member or invitation 404); everyone else on staff 403.
    "network:people": row(302, 403, 403, 403, 200, 403, 200, 403),
    "network:member_role": row(302, 403, 403, 403, 200, 403, 404, 403),
    "network:member_remove": row(302, 403, 403, 403, 200, 403, 404, 403),
    # Rights first, then the method: only network 1's admin learns that GET is not allowed.
    "network:invitation_revoke": row(302, 403, 403, 403, 405, 403, 404, 403),
    "network:invitation_resend": row(302, 403, 403, 403, 405, 403, 404, 403),
    # Anyone on a network's staff may leave it; MSO members work for no network.
    "network:leave": row(302, 403, 403, 200, 200, 200, 200, 200),
    # The link is the authorisation: everybody sees the invitation (signed in: to accept it).
    "accounts:invitation": PUBLIC,
    # Network 1's log: its admins read it, its coordinators are refused, anyone else is told nothing.
    "core:network_log": row(302, 404, 404, 403, 200, 404, 404, 403),
    "set_language": dict.fromkeys(ROLES, 302),
    # Forgotten passwords: open to everybody (the link in the mail is the authorisation; this one
    # is not valid, so its page says so).
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_sent": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    # One's own second factors: every signed-in person.
    "accounts:security": row(302, 200, 200, 200, 200, 200, 200, 200),
    "accounts:totp_setup": row(302, 200, 200, 200, 200, 200, 200, 200),
    # Nothing to check: nobody here holds an unchecked factor, so each is sent on.
    "accounts:second_factor_verify": dict.fromkeys(ROLES, 302),
    "accounts:recovery_codes": POST_ONLY,
    "accounts:device_remove": POST_ONLY,
    # The passkey ceremonies (JSON, POST): refused to visitors (no passwordless sign-in), 405 to GET.
    "otp_webauthn:credential-registration-begin": PASSKEY_CEREMONY,
    "otp_webauthn:credential-registration-complete": PASSKEY_CEREMONY,
    "otp_webauthn:credential-authentication-begin": PASSKEY_CEREMONY,
    "otp_webauthn:credential-authentication-complete": PASSKEY_CEREMONY,
    # The passkey buttons' texts in the reader's language.
    "otp_webauthn:js-i18n-catalog": PUBLIC,
    # A person's own data, consents and erasure: every signed-in person, about themselves only.
    "privacy:mine": SIGNED_IN,
    "privacy:mine_json": SIGNED_IN,
    "privacy:erase_mine": SIGNED_IN,
    "privacy:consent_give": POST_ONLY,
    "privacy:consent_withdraw": POST_ONLY,
    # Retention rules and the record of processing: network admins (and the DPO, see privacy's tests).
    "privacy:retention": REGISTER,
    "privacy:record": REGISTER,
    "privacy:record_xlsx": REGISTER,
    # Another person's data: the installation's DPO alone, who holds none of these roles.
    "privacy:person": row(302, 403, 403, 403, 403, 403, 403, 403),
    "privacy:person_json": row(302, 403, 403, 403, 403, 403, 403, 403),
    "privacy:person_erase": POST_ONLY,
    # The office's desk: each network's staff see their own network's cooperations and vetting;
    # MSO members are refused (403), network 1's cooperation is not found in network 2 (404).
    "cooperation:list": STAFF_PAGE,
    "cooperation:create": STAFF_PAGE,
    "cooperation:detail": IMPORT_OF_1,
    "cooperation:update": IMPORT_OF_1,
    "cooperation:stage": POST_ONLY,
    # Funding periods are added and removed on the cooperation's page (POST); the list of funding
    # that ends soon is a staff page like the list of cooperations.
    "cooperation:funding_add": POST_ONLY,
    "cooperation:funding_remove": POST_ONLY,
    "cooperation:funding_ending": STAFF_PAGE,
    # The desk and the lists behind its panels: each network's staff, each seeing its own network.
    # The outbox: network admins (for mails to their network's people); the mail goes to network 1's invitee.
    "mail:outbox": row(302, 403, 403, 403, 200, 403, 200, 403),
    "mail:detail": row(302, 403, 403, 403, 200, 403, 404, 403),
    "cooperation:desk": STAFF_PAGE,
    "cooperation:tasks": STAFF_PAGE,
    "cooperation:not_contacted": STAFF_PAGE,
    # Contact log, tasks, documents and compensation are changed on the cooperation's page (POST);
    # a document is downloaded by network 1's staff only.
    "cooperation:contact_add": POST_ONLY,
    "cooperation:contact_remove": POST_ONLY,
    "cooperation:task_add": POST_ONLY,
    "cooperation:task_done": POST_ONLY,
    "cooperation:task_remove": POST_ONLY,
    "cooperation:document_add": POST_ONLY,
    "cooperation:document_download": IMPORT_OF_1,
    "cooperation:document_remove": POST_ONLY,
    "cooperation:compensation_add": POST_ONLY,
    "cooperation:compensation_status": POST_ONLY,
    "cooperation:compensation_remove": POST_ONLY,
    "cooperation:vetting_list": STAFF_PAGE,
    # Org A's vetting page: each network reads its own review (network 2 has none yet), never another's.
    "cooperation:vetting": STAFF_PAGE,
    "cooperation:vetting_decide": POST_ONLY,
    # The conversation on the staff's page (POST only).
    "cooperation:comment_add": POST_ONLY,
    "cooperation:comment_remove": POST_ONLY,
    # The organisation's side: whoever represents an organisation has the list (B's is empty), staff
    # who represent none are refused; only org A's representative finds the cooperation and its
    # shared document (everyone else, network 1's staff included, is told nothing exists).
    "cooperation:shared_list": row(302, 200, 200, 403, 403, 403, 403, 403),
    "cooperation:shared_detail": row(302, 200, 404, 404, 404, 404, 404, 404),
    "cooperation:shared_document": row(302, 200, 404, 404, 404, 404, 404, 404),
    "cooperation:shared_goals": POST_ONLY,
    "cooperation:shared_comment_add": POST_ONLY,
    "cooperation:shared_comment_remove": POST_ONLY,
    # The pool of interpreters: each network's staff its own, network 1's person and cooperation
    # are not found in network 2 (404); MSO members are refused (403), changes are POST only.
    "interpreters:pool": STAFF_PAGE,
    "interpreters:create": STAFF_PAGE,
    "interpreters:detail": IMPORT_OF_1,
    "interpreters:update": IMPORT_OF_1,
    "interpreters:withdraw": POST_ONLY,
    "interpreters:book": POST_ONLY,
    "interpreters:booking_status": POST_ONLY,
    "interpreters:cooperation": IMPORT_OF_1,
    # The knowledge base: published answers are public; representatives contribute and see their
    # own; a returned answer is reworked only by its organisation (org A's, returned by network 1);
    # each network's staff review what was submitted to them.
    "knowledge:list": PUBLIC,
    "knowledge:mine": row(302, 200, 200, 403, 403, 403, 403, 403),
    "knowledge:create": row(302, 200, 200, 403, 403, 403, 403, 403),
    "knowledge:update": row(302, 200, 404, 404, 404, 404, 404, 404),
    "knowledge:review": STAFF_PAGE,
    "knowledge:decide": POST_ONLY,
    # Partner finding: each network's staff find partners for their own needs (network 1's need is
    # not found in network 2); its admins alone set the weights. Offers belong to the profile: org A
    # (unpublished) is edited by its MSO admin and the staff of every network, like the profile.
    "matching:need": STAFF_PAGE,
    "matching:result": IMPORT_OF_1,
    "matching:start": IMPORT_OF_1,
    "matching:weights": REGISTER,
    "matching:offer_create": row(302, 200, 404, 200, 200, 200, 200, 200),
    "matching:offer_update": row(302, 200, 404, 200, 200, 200, 200, 200),
    "matching:offer_remove": POST_ONLY,
    # Check-ins: the section of network 1's cooperation and its network's answer for its staff
    # (network 2 is told nothing exists); changes are POST only. The personal link is the
    # authorisation: everybody who has it sees the organisation's page (no account needed).
    "checkins:cooperation": IMPORT_OF_1,
    "checkins:plan": POST_ONLY,
    "checkins:contact": POST_ONLY,
    "checkins:contact_remove": POST_ONLY,
    "checkins:start": POST_ONLY,
    "checkins:network_answer": IMPORT_OF_1,
    "checkins:answer": PUBLIC,
    # --- events: registration (issue 12, part "registration") ---
    # Network 1's published event: its form, the page after it and the links in the mails are for
    # everyone (the signed link is the authorisation). The participant list is for network 1's
    # staff and org B's members (a co-organiser); everyone else is told it does not exist.
    "events:register": PUBLIC,
    "events:registered": PUBLIC,
    "events:registration_confirm": PUBLIC,
    "events:registration_cancel": PUBLIC,
    "events:participants": row(302, 404, 200, 200, 200, 404, 404, 200),
    "events:participants_export": row(302, 404, 200, 200, 200, 404, 404, 200),
    "events:participant_check_in": POST_ONLY,
    "events:waiting_list_move_up": POST_ONLY,
    # --- end of events: registration ---
    # Events, figures (issue 12): network 1's event, co-organised by org A, for its organisers (its
    # staff and org A's members; everyone else is told nothing exists); a series' figures for the
    # network's staff only.
    "events:figures": row(302, 200, 404, 200, 200, 404, 404, 200),
    "events:series_figures": IMPORT_OF_1,
    # --- events: live polls and feedback (helper C, "polls") ---
    # Network 1's event, co-organised by org A: network 1's staff and org A's members organise it
    # (its pages 200), everyone else is told nothing exists (404). The short code and the feedback
    # link are the authorisation: everybody who has them answers (no account needed).
    "events:polls": EVENT_OF_1,
    "events:poll_open": POST_ONLY,
    "events:poll_close": POST_ONLY,
    "events:poll_present": EVENT_OF_1,
    "events:poll_results": EVENT_OF_1,
    "events:poll_answer": PUBLIC,
    "events:poll_qr": PUBLIC,
    "events:feedback": EVENT_OF_1,
    "events:feedback_request": POST_ONLY,
    "events:feedback_csv": EVENT_OF_1,
    "events:feedback_give": PUBLIC,
    # --- end of events: live polls and feedback ---
    # Events (organiser part): the public pages and calendars of network 1's published event and its
    # series are everybody's. Its organisers' pages are its network's staff's and those of org A, which
    # co-organises it (its MSO admin may edit, not decide); everyone else is told nothing exists.
    # The list of one's own events: staff and whoever represents an organisation (B's is empty).
    "events:list": PUBLIC,
    "events:detail": PUBLIC,
    "events:ics": PUBLIC,
    "events:series": PUBLIC,
    "events:series_ics": PUBLIC,
    "events:manage": SIGNED_IN,
    "events:event_new": STAFF_PAGE,
    "events:series_new": STAFF_PAGE,
    "events:series_edit": row(302, 404, 404, 200, 200, 404, 404, 200),
    "events:event": row(302, 200, 404, 200, 200, 404, 404, 200),
    "events:event_edit": row(302, 200, 404, 200, 200, 404, 404, 200),
    "events:programme_edit": row(302, 200, 404, 200, 200, 404, 404, 200),
    "events:question_edit": row(302, 200, 404, 200, 200, 404, 404, 200),
    "events:event_publish": POST_ONLY,
    "events:event_cancel": POST_ONLY,
    "events:organiser_add": POST_ONLY,
    "events:organiser_remove": POST_ONLY,
    "events:booking_link": POST_ONLY,
    "events:booking_unlink": POST_ONLY,
    "events:programme_add": POST_ONLY,
    "events:programme_remove": POST_ONLY,
    "events:programme_move": POST_ONLY,
    "events:question_add": POST_ONLY,
    "events:question_remove": POST_ONLY,
    # End of the organiser part's rows.
    # --- statistics (issue 13, point 4): the list for the staff of any network (their own tables),
    # network 1's table for its staff only (network 2 is told nothing exists).
    "statistics:list": STAFF_PAGE,
    "statistics:table": IMPORT_OF_1,
    # --- end of statistics ---
    # --- surveys results --- network 1's survey: its staff read the results, download the raw
    # answers and the report; MSO members are refused, network 2 is told nothing exists.
    "surveys:results": IMPORT_OF_1,
    "surveys:export": IMPORT_OF_1,
    "surveys:report": IMPORT_OF_1,
    # --- end of surveys results ---
    # --- review --- org A's open proposal (its MSO admin proposed a new name): network 1 answers for
    # its Kreis and decides, its MSO admin reads and withdraws it; network 2 and org B's member are
    # told nothing exists. The list is every network's staff's (theirs to review), the withdrawal POST only.
    "directory:proposals": STAFF_PAGE,
    "directory:proposal": row(302, 200, 404, 200, 200, 404, 404, 200),
    "directory:proposal_withdraw": POST_ONLY,
    # --- end of review ---
    # --- surveys answer --- network 1's open survey: its staff invite and remind (network 2 is told
    # nothing exists); the personal link needs no account, and before submitting its thanks page
    # sends back to the questionnaire.
    "surveys:invite": IMPORT_OF_1,
    "surveys:invitations": IMPORT_OF_1,
    "surveys:remind": POST_ONLY,
    "surveys:answer": PUBLIC,
    "surveys:answer_thanks": dict.fromkeys(ROLES, 302),
    # --- end of surveys answer ---
    # --- listing --- the public form, its challenge and thanks page; the new account's password
    # link (a wrong one says so, 200); open requests for the active network's staff; a request from
    # Kreis Gütersloh (network 1's): network 2 is told nothing exists; decisions are POST only.
    "listing:form": PUBLIC,
    "listing:challenge": PUBLIC,
    "listing:sent": PUBLIC,
    "listing:welcome": PUBLIC,
    "listing:requests": STAFF_PAGE,
    "listing:request": IMPORT_OF_1,
    "listing:accept": POST_ONLY,
    "listing:reject": POST_ONLY,
    "listing:resend": POST_ONLY,
    # --- end of listing ---
    # --- surveys builder --- network 1's draft survey: its staff build it, network 2 finds nothing
    # (404), MSO members work for no network (403); the single actions take POST only.
    "surveys:list": STAFF_PAGE,
    "surveys:create": STAFF_PAGE,
    "surveys:create_from_template": POST_ONLY,
    "surveys:detail": IMPORT_OF_1,
    "surveys:edit": IMPORT_OF_1,
    "surveys:translate": IMPORT_OF_1,
    "surveys:section_add": IMPORT_OF_1,
    "surveys:section_edit": IMPORT_OF_1,
    "surveys:question_add": IMPORT_OF_1,
    "surveys:question_edit": IMPORT_OF_1,
    "surveys:open": POST_ONLY,
    "surveys:close": POST_ONLY,
    "surveys:delete": POST_ONLY,
    "surveys:section_up": POST_ONLY,
    "surveys:section_down": POST_ONLY,
    "surveys:section_delete": POST_ONLY,
    "surveys:question_up": POST_ONLY,
    "surveys:question_down": POST_ONLY,
    "surveys:question_delete": POST_ONLY,
    # --- end of surveys builder ---
    # --- freshness --- the stale list for the staff of the active network (MSO members have none),
    # its period form for network admins, the reminder button POST only; the "Stimmt noch" page
    # behind a signed link needs no account.
    "freshness:list": STAFF_PAGE,
    "freshness:period": REGISTER,
    "freshness:remind": POST_ONLY,
    "freshness:confirm": PUBLIC,
    # --- end of freshness ---
    # --- space --- org A's own space (its MSO admin alone; 404 for everyone else, staff included);
    # its people: org B's member may not know org A exists (404), staff may see it but org A has its
    # admin, so they may not invite (403); the single actions on invitations take POST only.
    "space:home": row(302, 302, 302, 200, 200, 200, 200, 200),
    "space:space": row(302, 200, 404, 404, 404, 404, 404, 404),
    "space:preview": row(302, 200, 404, 404, 404, 404, 404, 404),
    "space:people": row(302, 200, 404, 403, 403, 403, 403, 403),
    "space:role": row(302, 200, 404, 403, 403, 403, 403, 403),
    "space:remove": row(302, 200, 404, 403, 403, 403, 403, 403),
    "space:invitation_resend": row(302, 405, 404, 403, 403, 403, 403, 403),
    "space:invitation_revoke": row(302, 405, 404, 403, 403, 403, 403, 403),
    "space:invitation": PUBLIC,
    # --- end of space ---
    # --- surveys maps --- (issue 13, point 4: the directory's live figures, for the staff of any
    # network: each reads its own Kreise; no object needed)
    "statistics:directory": STAFF_PAGE,
    # --- end of surveys maps ---
}


def named_urls(resolver=None, namespace: str = "") -> list[tuple[str, list[str]]]:
    """(name with namespaces, names of its URL arguments) for every named pattern."""
    found = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            found.extend(named_urls(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((namespace + pattern.name, list(pattern.pattern.regex.groupindex)))
    return found


@pytest.fixture
def world(organisation_factory, mailoutbox):
    return world_build(organisation_factory, mailoutbox)


def world_build(organisation_factory, mailoutbox):
    """Two networks, two organisations, an import, a token and an invitation of network 1, and a
    person per role: (people by role, default URL kwargs, URL kwargs by name prefix).

    A plain function, so that ``testing/tests/test_accessibility_matrix.py`` builds the same world
    once for a whole module of browser tests; ``mailoutbox`` is any list the sent mails land in.
    """
    first = NetworkFactory(name="Netzwerk Eins", kreise=["05754"])
    second = NetworkFactory(name="Netzwerk Zwei", kreise=["05913"])
    org_a = organisation_factory(name="Verein A", is_published=False)
    org_b = organisation_factory(name="Verein B", is_published=True)
    with scopes_disabled():
        people = {
            "anonymous": None,
            "mso_admin_a": representative(org_a, RepresentativeRole.ADMIN),
            "mso_member_b": representative(org_b, RepresentativeRole.MEMBER),
            "coordinator_1": staff(first, NetworkRole.COORDINATOR),
            "admin_1": with_factor(staff(first, NetworkRole.ADMIN)),
            "coordinator_2": staff(second, NetworkRole.COORDINATOR),
            "admin_2": with_factor(staff(second, NetworkRole.ADMIN)),
            "coordinator_both": staff(first, NetworkRole.COORDINATOR, also=[second]),
        }
    with network_scope(first):
        batch = importing.import_start(
            network=first,
            actor=people["coordinator_1"],
            file_name="liste.csv",
            content="Name;Ort\r\nVerein C;Gütersloh\r\n".encode(),
        )
        importing.import_map(
            batch=batch, mapping=batch.mapping, default_kind="other", actor=people["coordinator_1"]
        )
        importing.import_check(batch=batch, actor=people["coordinator_1"])
        token, _secret = api_services.api_token_create(
            network=first, actor=people["admin_1"], name="ERP", scope="read"
        )
        cooperation = cooperation_services.cooperation_create(
            network=first,
            actor=people["coordinator_1"],
            title="Infoabend Kita",
            topic="parents_evening",
            network_goals="Eltern erreichen",
            mso_gain="Räume und Honorar",
            organisations=[org_a],
        )
        # After the first contact, org A's representatives see the cooperation too.
        for stage in ("mso_found", "first_contact"):
            cooperation_services.cooperation_stage_change(
                cooperation=cooperation, stage=stage, actor=people["coordinator_1"]
            )
        cooperation_services.vetting_record(
            network=first, organisation=org_a, actor=people["coordinator_1"], status="no_concerns"
        )
        document = cooperation_services.document_add(
            cooperation=cooperation,
            actor=people["coordinator_1"],
            kind="agreement",
            title="Vereinbarung",
            filename="vereinbarung.txt",
            content=b"Vereinbarung",
            shared=True,
        )
        interpreter = interpreter_services.interpreter_create(
            network=first,
            actor=people["coordinator_1"],
            languages=["ti"],
            name="Semhar T.",
            qualification="mediator",
            consent_given_on=date(2026, 1, 5),
            consent_form="paper",
        )
    answer = knowledge_services.answer_submit(
        organisation=org_a,
        network=first,
        actor=people["mso_admin_a"],
        question="childcare",
        country="TR",
        language="de",
        text="Kinderbetreuung übernimmt oft die Familie.",
    )
    knowledge_services.answer_return(answer=answer, actor=people["coordinator_1"], reason="Bitte genauer.")
    with network_scope(second):
        suggestion = directory_services.change_suggestion_create(
            organisation=org_a, network=second, actor=people["coordinator_2"], fields={"is_published": True}
        )
    with network_scope(first):
        need = matching_services.need_create(network=first, actor=people["coordinator_1"], languages=["ar"])
    offer = matching_services.offer_create(
        organisation=org_a, actor=people["mso_admin_a"], format="info_evening"
    )
    invitation = accounts_services.invitation_create(
        network=first, actor=people["admin_1"], email="neu@example.org", role=NetworkRole.COORDINATOR
    )
    OutboxBackend().send_messages([EmailMessage(subject="Einladung", body="Hallo", to=[invitation.email])])
    # A check-in of the cooperation, its personal link sent to org A's contact (after the invitation,
    # whose mail comes first).
    with network_scope(first):
        checkin_services.contact_set(
            partner=Partner.objects.get(cooperation=cooperation),
            actor=people["coordinator_1"],
            name="Ayşe Y.",
            email="ayse@example.org",
            language="tr",
        )
        checkin = checkin_services.checkin_start(cooperation=cooperation, actor=people["coordinator_1"])
    # Events, figures: a series of network 1 and its event, co-organised by org A.
    with scopes_disabled():
        figures_series = Series.objects.create(network=first, title="Über den Tellerrand")
        figures_event = Event.objects.create(
            network=first,
            series=figures_series,
            title="Mittagsimpuls",
            status="published",
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=1),
        )
        EventOrganiser.objects.create(network=first, event=figures_event, organisation=org_a)
    # Events (organiser part): network 1's series and its published event, co-organised by org A,
    # with a programme item and a registration question.
    with network_scope(first):
        series = event_services.series_create(
            network=first, actor=people["coordinator_1"], title="Tellerrand"
        )
        event = event_services.event_create(
            network=first,
            actor=people["coordinator_1"],
            languages=["de", "ar"],
            series=series,
            title="Über den Tellerrand",
            starts_at=timezone.now() + timedelta(days=30),
            ends_at=timezone.now() + timedelta(days=30, hours=2),
        )
        event_services.event_publish(event=event, actor=people["coordinator_1"])
        event_services.organiser_add(event=event, organisation=org_a, actor=people["coordinator_1"])
        programme_item = event_services.programme_item_add(
            event=event, actor=people["coordinator_1"], title="Impuls"
        )
        question = event_services.question_add(event=event, actor=people["coordinator_1"], label="Woher?")
    # End of the organiser part's events.
    with scopes_disabled():
        membership = NetworkMembership.objects.get(user=people["coordinator_1"])
    # --- events: registration --- network 1's published event, co-organised by org B; one
    # registration, whose links come from its mail.
    registration_event = registration_helpers.make_event(first)
    registration_helpers.co_organise(registration_event, org_b)
    registered = registration_services.registration_submit(
        event=registration_event, name="Ayşe Y.", email="ayse.y@example.org", language="de"
    ).registration
    registration_links = {
        "registration_confirm": link_token(registered.pk, CONFIRM),
        "registration_cancel": link_token(registered.pk, CANCEL),
    }
    # --- end of events: registration ---
    # --- events: live polls and feedback (helper C, "polls") ---
    # An event of network 1 that ended yesterday, co-organised by org A, with an open poll and a
    # participant who was asked for feedback (her link from the mail).
    polls_event = polls_support.make_event(first, ended=True)
    polls_support.co_organise(polls_event, org_a)
    poll = polls_support.make_poll(polls_event)
    polls_support.register(polls_event, email="teilnahme@example.org")
    feedback_services.feedback_requests_send(event=polls_event)
    feedback_token = polls_support.feedback_token_in(next(m for m in mailoutbox if "/events/f/" in m.body))
    # --- end of events: live polls and feedback ---
    # --- review --- org A's MSO admin proposes a new name; network 1 answers for its Kreis.
    _profile, proposal = directory_proposals.organisation_edit(
        organisation=org_a, actor=people["mso_admin_a"], fields={"name": "Verein A e. V."}
    )
    # --- end of review ---
    # --- statistics --- a small table of network 1.
    with network_scope(first):
        statistics_table = statistics_services.table_import(
            network=first,
            actor=people["coordinator_1"],
            content=b"Land;Anzahl 2019\nBayern;1.766\nGesamt;1.766\n",
            title="MSO je Land",
        )
    # --- end of statistics ---
    # --- surveys results --- network 1's sample survey (no answers yet).
    with network_scope(first):
        results_survey = survey_sample(network=first)
    # --- end of surveys results ---
    # --- surveys answer --- network 1's open survey and org A's invitation to it.
    with network_scope(first):
        answer_survey = survey_sample(network=first, title="Befragung zum Verteilen")
        answer_invitation = SurveyInvitation.objects.create(
            network=first, survey=answer_survey, organisation=org_a, email="a@example.org"
        )
    # --- end of surveys answer ---
    # --- listing --- an open request from Kreis Gütersloh (network 1's Kreis).
    listing_request = ListingRequest.objects.create(
        name="Neuer Verein",
        kind="cultural",
        postal_code="33330",
        city="Gütersloh",
        kreis_id="05754",
        contact_name="Ayla Demir",
        contact_email="ayla@example.org",
        consent_at=timezone.now(),
        consent_version="2026-12",
    )
    # --- end of listing ---
    # --- surveys builder --- network 1's draft survey (offered in Arabic and Turkish).
    with network_scope(first):
        builder_survey = survey_sample(network=first, status="draft")
        builder_section = builder_survey.sections.get(position=1)
        builder_question = builder_survey.questions.get(code="form")
    # --- end of surveys builder ---
    # --- freshness --- the link org A's MSO admin would get in a reminder.
    freshness_token = freshness.confirm_token(
        organisation=org_a,
        recipient=freshness.Recipient(address="", language="de", user_id=people["mso_admin_a"].pk),
    )
    # --- end of freshness ---
    # --- space --- org A's admin invites a member (the mail carries the link's secret).
    space_invitation = space_people.representative_invite(
        organisation=org_a, actor=people["mso_admin_a"], email="neu@example.org", role="member"
    )
    space_token = space_token_in(mailoutbox[-1])
    space_representation = org_a.representations.get(user=people["mso_admin_a"])
    # --- end of space ---
    kwargs = {"pk": org_a.pk}
    by_name = {
        "imports:": {"pk": batch.pk, "number": 2},
        "api:token_revoke": {"pk": token.pk},
        "api:cooperation": {"pk": cooperation.pk},
        "network:member_": {"pk": membership.pk},
        "network:invitation_": {"pk": invitation.pk},
        "accounts:invitation": {"token": token_in(mailoutbox[0])},
        "core:network_log": {"slug": first.slug},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "abc-123"},
        "accounts:device_remove": {"kind": "totp", "pk": 1},
        "cooperation:shared_document": {"pk": cooperation.pk, "document_pk": document.pk},
        "cooperation:": {"pk": cooperation.pk, "organisation_pk": org_a.pk, "document_pk": document.pk},
        "directory:suggestion": {"pk": suggestion.pk},
        "interpreters:cooperation": {"pk": cooperation.pk},
        "interpreters:": {"pk": interpreter.pk},
        "knowledge:": {"pk": answer.pk},
        "mail:detail": {"pk": OutboxMail.objects.get().pk},
        "matching:offer_create": {"organisation_pk": org_a.pk},
        "matching:offer_": {"pk": offer.pk},
        "matching:": {"pk": need.pk, "organisation_pk": org_a.pk},
        "checkins:answer": checkin_link(mailoutbox),
        "checkins:network_answer": {"pk": checkin.pk},
        "checkins:": {"pk": cooperation.pk},
        # --- events: registration --- (longer names first: the first matching prefix wins)
        "events:registration_confirm": {"token": registration_links["registration_confirm"]},
        "events:registration_cancel": {"token": registration_links["registration_cancel"]},
        "events:registered": {"pk": registration_event.pk},
        "events:register": {"pk": registration_event.pk},
        "events:participant": {
            "pk": registration_event.pk,
            "registration_pk": registered.pk,
            "format": "xlsx",
        },
        # --- end of events: registration ---
        "events:figures": {"pk": figures_event.pk},
        "events:series_figures": {"pk": figures_series.pk},
        # --- events: live polls and feedback (helper C) ---
        "events:polls": {"pk": polls_event.pk},
        "events:poll_answer": {"code": poll.code},
        "events:poll_qr": {"code": poll.code},
        "events:poll_": {"pk": poll.pk},
        "events:feedback_give": {"token": feedback_token},
        "events:feedback": {"pk": polls_event.pk},
        # --- end of events: live polls and feedback ---
        # Events (organiser part): each prefix names the row its pages take.
        "events:series": {"pk": series.pk},
        "events:programme_": {"pk": programme_item.pk},
        "events:question_": {"pk": question.pk},
        "events:detail": {"pk": event.pk},
        "events:ics": {"pk": event.pk},
        "events:event": {"pk": event.pk},
        "events:organiser_": {"pk": event.pk},
        "events:booking_": {"pk": event.pk},
        # End of the organiser part's arguments.
        "statistics:table": {"pk": statistics_table.pk},
        # --- surveys results ---
        "surveys:results": {"pk": results_survey.pk},
        "surveys:export": {"pk": results_survey.pk, "format": "csv"},
        "surveys:report": {"pk": results_survey.pk},
        # --- end of surveys results ---
        # --- review ---
        "directory:proposal": {"pk": proposal.pk},
        # --- end of review ---
        # --- surveys answer ---
        "surveys:invite": {"pk": answer_survey.pk},
        "surveys:invitations": {"pk": answer_survey.pk},
        "surveys:remind": {"pk": answer_survey.pk},
        "surveys:answer": {"token": invitation_token(answer_invitation)},
        # --- end of surveys answer ---
        # --- freshness ---
        "freshness:confirm": {"language": "de", "token": freshness_token},
        # --- end of freshness ---
        # --- listing ---
        "listing:welcome": {"uidb64": "MQ", "token": "abc-123"},
        "listing:": {"pk": listing_request.pk},
        # --- end of listing ---
        # --- space ---
        "space:invitation_": {"pk": org_a.pk, "invitation_pk": space_invitation.pk},
        "space:invitation": {"token": space_token},
        "space:": {"pk": org_a.pk, "representation_pk": space_representation.pk},
        # --- end of space ---
        # --- surveys builder ---
        "surveys:section_": {"pk": builder_survey.pk, "section_pk": builder_section.pk},
        "surveys:question_add": {"section_pk": builder_section.pk},
        "surveys:question_": {"pk": builder_question.pk},
        "surveys:translate": {"pk": builder_survey.pk, "language": "ar"},
        "surveys:detail": {"pk": builder_survey.pk},
        "surveys:edit": {"pk": builder_survey.pk},
        "surveys:open": {"pk": builder_survey.pk},
        "surveys:close": {"pk": builder_survey.pk},
        "surveys:delete": {"pk": builder_survey.pk},
        # --- end of surveys builder ---
    }
    return people, kwargs, by_name


def checkin_link(mails) -> dict[str, str]:
    """The language and secret of the check-in's personal link, from its mail."""
    import re

    found = next(
        re.search(r"/checkins/link/(?P<language>[a-z]{2})/(?P<token>[\w-]+)/", m.body)
        for m in mails
        if "/checkins/link/" in m.body
    )
    return {"language": found["language"], "token": found["token"]}


def with_factor(admin):
    """Network admins have set up their second factor (and check it when signing in, ``sign_in``)."""
    with_second_factor(admin)
    return admin


def url_for(name: str, arguments: list[str], kwargs: dict, by_name: dict) -> str:
    values = next((v for prefix, v in by_name.items() if name.startswith(prefix)), kwargs)
    return reverse(name, kwargs={argument: values[argument] for argument in arguments})


def status_of(client: Client, url: str) -> int:
    response = client.get(url)
    if response.streaming:
        # Read to the end: the test client closes a streamed export (and its temporary file) then.
        b"".join(response.streaming_content)
    return response.status_code


def test_every_url_answers_every_role_as_stated(world):
    people, kwargs, by_name = world
    urls = [(n, a) for n, a in named_urls() if not n.startswith(SKIPPED_NAMESPACES)]
    missing = [name for name, _arguments in urls if name not in EXPECTED]
    clients = {}
    for role, person in people.items():
        clients[role] = Client()
        if person is not None:
            sign_in(clients[role], person)
    actual: dict[str, dict[str, int]] = {}
    for name, arguments in urls:
        url = url_for(name, arguments, kwargs, by_name)
        actual[name] = {role: status_of(clients[role], url) for role in ROLES}
    assert not missing, f"URLs without an expectation; add them to EXPECTED: {missing}"
    wrong = {name: (EXPECTED[name], got) for name, got in actual.items() if got != EXPECTED[name]}
    assert not wrong, wrong
    cells = sum(len(statuses) for statuses in actual.values())
    print(f"{cells} cells: {len(actual)} URLs × {len(ROLES)} roles")
    assert cells == len(urls) * len(ROLES) >= 200


# Before a network admin has set up a second factor, only these answer anything but the setup.
OPEN_WITHOUT_SECOND_FACTOR = {
    "accounts:logout",
    "set_language",
    "accounts:security",
    "accounts:totp_setup",
    *(name for name in EXPECTED if name.startswith("otp_webauthn:")),
}


def test_a_network_admin_without_a_second_factor_reaches_no_page_but_its_setup(world):
    people, kwargs, by_name = world
    admin = people["admin_1"]
    TOTPDevice.objects.filter(user=admin).delete()
    client = Client()
    client.force_login(admin)
    setup = reverse("accounts:totp_setup") + "?next="

    elsewhere = {}
    for name, arguments in named_urls():
        if name.startswith(SKIPPED_NAMESPACES) or name in OPEN_WITHOUT_SECOND_FACTOR:
            continue
        response = client.get(url_for(name, arguments, kwargs, by_name))
        if not (response.status_code == 302 and response["Location"].startswith(setup)):
            elsewhere[name] = (response.status_code, response.get("Location"))

    assert not elsewhere, elsewhere
