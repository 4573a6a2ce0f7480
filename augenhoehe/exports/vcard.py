"""One organisation as a vCard, with only the fields the viewer may see.

vCard 3.0 (RFC 2426), because that is the version Outlook, Apple Contacts,
Android and Thunderbird all import; 4.0 is still read badly by Outlook.
Escaping and line folding follow RFC 6350 §3.2/§3.4, which 3.0 shares, and
the file is UTF-8 (served with ``charset=utf-8``).
"""

from django.utils.translation import gettext as _

from augenhoehe.directory.models import Organisation
from augenhoehe.directory.profile_fields import visible_fields

LINE_END = "\r\n"
FOLD_OCTETS = 75  # RFC 6350 §3.2: lines SHOULD NOT be longer than 75 octets, line end excluded


def escape(text: str) -> str:
    """A text value with backslash, comma, semicolon and line breaks escaped (RFC 6350 §3.4)."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split ``line`` into pieces of at most 75 octets, never inside a UTF-8 character;
    every continuation starts with one space, which counts towards its 75 octets."""
    pieces: list[str] = []
    current, size, limit = "", 0, FOLD_OCTETS
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, FOLD_OCTETS - 1
        current += char
        size += width
    pieces.append(current)
    return (LINE_END + " ").join(pieces)


def _property(name: str, *components: str) -> str:
    return fold(f"{name}:" + ";".join(escape(c) for c in components)) + LINE_END


def organisation_vcard(*, organisation: Organisation, viewer, uid: str) -> str:
    """The vCard of ``organisation`` as ``viewer`` may see it; ``uid`` is the profile's URL."""
    shown = visible_fields(viewer, organisation)
    lines = [
        "BEGIN:VCARD" + LINE_END,
        "VERSION:3.0" + LINE_END,
        "PRODID:-//Augenhoehe//Organisation export//DE" + LINE_END,
        _property("UID", uid),
        # An organisation, not a person: N is mandatory in 3.0 but stays empty.
        _property("N", "", "", "", "", ""),
        _property("FN", organisation.name),
        _property("ORG", organisation.name),
        "X-ABSHOWAS:COMPANY" + LINE_END,
    ]
    if organisation.short_name:
        lines.append(_property("NICKNAME", organisation.short_name))
    street = organisation.street if "street" in shown else ""
    lines.append(
        _property(
            "ADR;TYPE=WORK", "", "", street, organisation.city, "", organisation.postal_code, _("Deutschland")
        )
    )
    if "email" in shown and organisation.email:
        lines.append(_property("EMAIL;TYPE=INTERNET,WORK", organisation.email))
    if "phone" in shown and organisation.phone:
        lines.append(_property("TEL;TYPE=WORK,VOICE", organisation.phone))
    if "website" in shown and organisation.website:
        lines.append(_property("URL", organisation.website))
    lines.append(_property("CATEGORIES", organisation.get_kind_display()))
    note = _note(organisation, shown)
    if note:
        lines.append(_property("NOTE", note))
    lines.append("END:VCARD" + LINE_END)
    return "".join(lines)


def _note(organisation: Organisation, shown: frozenset[str]) -> str:
    parts = [organisation.description.strip()] if organisation.description.strip() else []
    if "contact_person" in shown and organisation.contact_person:
        parts.append(_("Ansprechperson: %(name)s") % {"name": organisation.contact_person})
    return "\n\n".join(parts)
