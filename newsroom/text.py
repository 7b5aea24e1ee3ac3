"""Cleaning and limits for short text that editors and readers type.

Plain Python: no Django import, so the matcher and the importer can use it too.
"""

import re
import unicodedata

# Joiners shape letters in Persian, Indic and emoji sequences: keep them.
_KEEP_FORMAT = {"\u200c", "\u200d"}
_SPACES = re.compile(r"\s+")

QUERY_MAX_LENGTH = 200


def strip_invisible(value):
    """``value`` without control and format characters (NUL, bidi overrides, zero-width
    spaces...), which can hide or disguise text. Whitespace stays."""
    return "".join(
        char
        for char in value
        if char in _KEEP_FORMAT
        or char.isspace()
        or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co"}
    )


def clean_name(value):
    """A name as it should be stored: NFC, no invisible characters, one line, single
    spaces."""
    return _SPACES.sub(" ", strip_invisible(unicodedata.normalize("NFC", value or ""))).strip()


def clean_plain_text(value):
    """Multi-line plain text: invisible characters removed, line breaks kept."""
    text = unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n")
    lines = strip_invisible(text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines.split("\n")).strip()


def looks_like_markup(value):
    """True when ``value`` contains an HTML tag, comment or character reference."""
    return bool(re.search(r"<\s*[a-zA-Z!/?]|&#?[a-zA-Z0-9]+;", value or ""))


def limited_query(value, max_length=QUERY_MAX_LENGTH):
    """A search or filter parameter made safe to use: cleaned and cut to ``max_length``.

    Views pass ``request.GET.get(name)`` through this before searching or filtering,
    so a megabyte of query string never reaches the database.
    """
    return clean_name(str(value or "")[: max_length * 4])[:max_length]
