"""Languages an organisation works in, by ISO 639-1 code (ISO 639-3 where none exists).

Chosen for the communities that MSOs in Germany serve; extend where real data asks.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    DE = "de", _("Deutsch")
    EN = "en", _("Englisch")
    AR = "ar", _("Arabisch")
    TR = "tr", _("Türkisch")
    KU = "ku", _("Kurdisch (Kurmancî)")
    CKB = "ckb", _("Kurdisch (Soranî)")
    FA = "fa", _("Persisch (Farsi)")
    PRS = "prs", _("Dari")
    PS = "ps", _("Paschtu")
    UK = "uk", _("Ukrainisch")
    RU = "ru", _("Russisch")
    PL = "pl", _("Polnisch")
    RO = "ro", _("Rumänisch")
    BG = "bg", _("Bulgarisch")
    SH = "sh", _("Bosnisch/Kroatisch/Serbisch")
    SQ = "sq", _("Albanisch")
    EL = "el", _("Griechisch")
    IT = "it", _("Italienisch")
    ES = "es", _("Spanisch")
    PT = "pt", _("Portugiesisch")
    FR = "fr", _("Französisch")
    HU = "hu", _("Ungarisch")
    TI = "ti", _("Tigrinya")
    AM = "am", _("Amharisch")
    SO = "so", _("Somali")
    SW = "sw", _("Swahili")
    YO = "yo", _("Yoruba")
    TW = "tw", _("Twi")
    VI = "vi", _("Vietnamesisch")
    ZH = "zh", _("Chinesisch")
    TA = "ta", _("Tamil")
    UR = "ur", _("Urdu")
    HI = "hi", _("Hindi")
    HY = "hy", _("Armenisch")
    KA = "ka", _("Georgisch")
    HE = "he", _("Hebräisch")
    AZ = "az", _("Aserbaidschanisch")
    ROM = "rom", _("Romanes")
    DGS = "gsg", _("Deutsche Gebärdensprache")
