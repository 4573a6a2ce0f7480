"""What the events keep about people: participants (name, address, answers, needs) until a set time
after the event, speakers on the programme as published, and who created an event.

Feedback and poll answers are anonymous by design: they hold no link to a person (a poll ballot's
``voter`` is the hash of a random cookie, a feedback link knows its event only).
"""

from django.utils.translation import gettext_lazy as _

from augenhoehe.core.personal_data import About, declare, declare_activity, declare_not_personal

declare_activity(
    "events",
    name=_("Veranstaltungen und Anmeldungen"),
    purpose=_(
        "Veranstaltungen eines Netzwerks und der mitveranstaltenden Organisationen durchführen: Anmeldung "
        "mit Bestätigung per E-Mail, Warteliste, Erinnerung, Einlass, Bedarf an Verdolmetschung und "
        "Barrierefreiheit; anonyme Rückmeldungen und Live-Umfragen."
    ),
    legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung bei der Anmeldung) und lit. e DSGVO"),
    recipients=_(
        "Koordination des veranstaltenden Netzwerks und die Mitglieder der mitveranstaltenden Organisationen"
    ),
    retention_note=_(
        "Name, E-Mail, Organisation, Antworten und Bedarfe der Teilnehmenden werden eine festgelegte Zeit "
        "nach der Veranstaltung anonymisiert (Voreinstellung 90 Tage); die Zahlen bleiben."
    ),
)

declare_not_personal("events.Series", reason="a series' title and description", not_personal=["description"])
declare(
    "events.Event",
    fields={"created_by": About.ACTOR},
    person_lookups=["created_by"],
    activity="events",
    not_personal=["title", "description", "place_name", "street", "town", "accessibility_note"],
)
declare_not_personal("events.EventLanguage", reason="a language code of an event")
declare_not_personal("events.EventOrganiser", reason="an organisation co-organising an event")
declare(
    "events.ProgrammeItem",
    # Speakers are named on the published programme, in their public role.
    fields={"speaker": About.SPEAKER},
    not_personal=["title", "speaker_role", "speaker_organisation"],
    activity="events",
)
declare_not_personal(
    "events.RegistrationQuestion", reason="a question the organiser asks", not_personal=["label", "options"]
)
declare(
    "events.Registration",
    fields={
        "name": About.PARTICIPANT,
        "email": About.PARTICIPANT,
        "organisation_name": About.PARTICIPANT,
        "accessibility_needs": About.PARTICIPANT,
        "answers": About.PARTICIPANT,
    },
    email_lookups=["email"],
    activity="events",
)
declare_not_personal("events.FeedbackLink", reason="a hash of a feedback link's secret; it names no one")
declare_not_personal(
    "events.Feedback",
    reason="anonymous by design: a rating and a text, with no link to a person",
    not_personal=["text"],
)
declare_not_personal("events.Poll", reason="a question the organiser asks", not_personal=["question"])
declare_not_personal("events.PollOption", reason="an answer the organiser offers", not_personal=["label"])
declare_not_personal(
    "events.PollBallot",
    reason="an anonymous answer: the voter is the hash of a random cookie",
    not_personal=["word"],
)
