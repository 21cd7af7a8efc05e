"""The archive's date formats in Russian: months in the genitive ("28 мая 2025").

Django's "E" is the month's alternative (genitive) name from its Russian translation; the
year is written without Django's default "г.", as the archive's Russian texts date items.
"""

DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
