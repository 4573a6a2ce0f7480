# Polish writes a short date with dots (05.03.2026), not Django's dashes.
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
