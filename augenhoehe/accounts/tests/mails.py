"""Reading the one-time link out of an invitation mail."""

import re


def link_in(mail) -> str:
    """The path of the one-time link in an invitation mail (text part)."""
    match = re.search(r"https?://[^/\s]+(/accounts/invitation/[^/\s]+/)", mail.body)
    assert match, mail.body
    return match.group(1)


def token_in(mail) -> str:
    return link_in(mail).rstrip("/").rsplit("/", 1)[-1]
