"""Dates and numbers as each language writes them (``core/formats``), digits Western throughout."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

MOMENT = datetime(2026, 3, 5, 18, 30)
TEMPLATE = Template(
    '{% load l10n %}{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day|date:"DATETIME_FORMAT" }}|{{ number|localize }}'
)


def rendered(language: str) -> str:
    with translation.override(language):
        return TEMPLATE.render(Context({"day": MOMENT, "number": Decimal("1234.5")}))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "05.03.2026|5. März 2026 18:30|1234,5"),
        # Arabic on the 24-hour clock like the German page, Western digits.
        ("ar", "05\u200f/03\u200f/2026|5 مارس، 2026، 18:30|1234,5"),
        # Farsi writes the year first; Gregorian dates, Western digits, a decimal point.
        ("fa", "2026/3/5|5 مارس 2026، ساعت 18:30|1234.5"),
        ("uk", "05.03.2026|05 березня 2026 р. 18:30|1234,5"),
        # Polish and Turkish short dates with dots, not Django's dashes or month names.
        ("pl", "05.03.2026|5 marca 2026 18:30|1234,5"),
        ("tr", "05.03.2026|05 Mart 2026 18:30|1234,5"),
    ],
)
def test_dates_and_numbers_render_as_the_language_writes_them(language, expected):
    assert rendered(language) == expected


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_digits_stay_western_in_right_to_left_languages(language):
    text = rendered(language)

    assert not set(text) & set("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


def test_arabic_and_farsi_read_a_typed_date_in_their_order():
    from django import forms

    field = forms.DateField()
    with translation.override("fa"):
        assert field.clean("2026/03/05") == MOMENT.date()
    with translation.override("ar"):
        assert field.clean("05/03/2026") == MOMENT.date()
