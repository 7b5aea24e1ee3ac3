# A Kazakh date puts the year first: 2026 жылғы 2 желтоқсан.
DATE_FORMAT = "Y ж. j E"
DATETIME_FORMAT = "Y ж. j E, H:i"
YEAR_MONTH_FORMAT = "M Y"
