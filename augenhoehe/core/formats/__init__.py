"""Dates and numbers as each site language writes them, where Django's own formats do not fit a
German office's pages (``FORMAT_MODULE_PATH``; what is not set here comes from Django).

Digits stay Western (0–9) in every language, Arabic and Farsi included: a page holds phone
numbers, postal codes, house numbers and IDs, which always stay Western, and two digit systems on
one page are harder to read than one; the forms take Western digits. Dates use the Gregorian
calendar, with the month names of the language.
"""
