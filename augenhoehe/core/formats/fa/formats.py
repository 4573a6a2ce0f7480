# Farsi writes the year first (1404/1/5; here the Gregorian year). Weeks start on Monday as the
# events' calendars in Germany do, not on Saturday.
FIRST_DAY_OF_WEEK = 1
NUMBER_GROUPING = 3
DATE_INPUT_FORMATS = ["%Y/%m/%d", "%d.%m.%Y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
