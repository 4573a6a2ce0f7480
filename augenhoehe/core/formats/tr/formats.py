# Turkish writes a short date with dots (05.03.2026), as official documents and the German page
# beside it do; Django's short date spells the month ("05 Mar 2026").
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
