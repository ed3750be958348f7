"""English formats as the Alliance writes them (British usage): "12 June 2022", "1,450".

Only what differs from Django's own English formats is here; the rest (input formats)
comes from django/conf/locale/en/formats.py, which Django reads after this module.
"""

DATE_FORMAT = "j F Y"  # 12 June 2022
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"  # 12 Jun 2022: never 06/12/2022, read differently either side
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
