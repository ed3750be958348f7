"""Vietnamese formats as ministries write them: "ngày 12 tháng 6 năm 2022", "1.450", "0,5".

Django's own Vietnamese DATE_FORMAT capitalises "Ngày" and pads the day ("Ngày 02"): a
date inside a sentence reads "ngày 2 tháng 6 năm 2022". Input formats are not set here:
Django's (ISO, as the date pickers send) apply.
"""

DATE_FORMAT = r"\n\g\à\y j \t\h\á\n\g n \n\ă\m Y"  # ngày 12 tháng 6 năm 2022
DATETIME_FORMAT = r"H:i, \n\g\à\y j \t\h\á\n\g n \n\ă\m Y"
SHORT_DATE_FORMAT = "d/m/Y"  # 12/06/2022
SHORT_DATETIME_FORMAT = "H:i d/m/Y"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = r"j \t\h\á\n\g n"
YEAR_MONTH_FORMAT = r"\t\h\á\n\g n \n\ă\m Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
