# "E" is the month's name in the genitive, as a Russian date reads: 2 декабря 2026.
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
