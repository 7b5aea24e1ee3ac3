"""Text normalisation shared by the importer, the matcher and the forms editors fill in.

Plain Python with no Django import: the matcher (``articles.linking``) and the importer
(``articles.scrape``) both use it, so a name is cleaned and folded the same way wherever
it is read.

- Cleaning what people type: ``clean_name``, ``clean_plain_text``, ``limited_query``.
- Mixed-script words: ``unmix_scripts`` swaps look-alike letters one for one, so offsets
  still hold; ``fold_mixed_scripts`` also transliterates what is left, for stored text.
- Folding for comparison: ``normalize`` and ``fold``. Folding, in order:

  1. ``unmix_scripts`` ("Baktykожа" -> "Baktykoжa", "Tокаев" -> "Токаев").
  2. Per character: Unicode NFKC, casefold, curly quotes and modifier apostrophes to "'",
     every dash to "-", every whitespace char to " ", Cyrillic soft and hard signs dropped
     (so "Гумильёв" folds like "Gumilev"), and anything else non-ASCII transliterated with
     anyascii ("Мажилис" -> "mazhilis", "Токаев" -> "tokaev").
  3. Runs of spaces become one space.
  4. A "y" between two vowels is dropped ("Tokayev" and "Tokaev" both fold to "tokaev",
     "Serikbayev" to "serikbaev"). This is the one phonetic rule: Kazakh and Russian names
     reach English with and without that glide, and dropping it merges no two names that
     are written differently in their own script.

  Characters that fold to nothing (zero-width spaces, soft hyphens, combining accents)
  have no folded position; a match never starts or ends on them.
"""

# This module is about look-alike letters, so it must spell them out.
# ruff: noqa: RUF001, RUF002, RUF003

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii

# Joiners shape letters in Persian, Indic and emoji sequences: keep them.
_KEEP_FORMAT = {"\u200c", "\u200d"}
_SPACES = re.compile(r"\s+")

QUERY_MAX_LENGTH = 200

# Letters drawn exactly like a Latin letter of the same case. A word typed mostly in one
# script with a few of these from another is a copy-paste or OCR slip: it hides the name
# from search and from the linker, and swapping the letter changes nothing a reader sees.
# Of Cyrillic, only letters of the alphabets we publish in (Russian, Kazakh) count, so a
# stray Latin "s" in a Russian word never becomes Macedonian "ѕ". Greek, which no text
# here is written in, counts wholly: a Greek letter in a Latin word is always a slip.
# Left out are letters a reader can tell apart, which are another letter and not a slip:
# lowercase Cyrillic к м т н and Greek κ τ (drawn as small capitals), У (its tail), Һ (a
# tall h), Greek α ι ν ρ υ (rounder strokes). Folding transliterates those for matching.
LOOK_ALIKES = {
    **dict(zip("аеорсухіһАВЕКМНОРСТХІҮ", "aeopcyxihABEKMHOPCTXIY", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧο", "ABEZHIKMNOPTYXo", strict=True)),
}
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_TO_LATIN = str.maketrans(LOOK_ALIKES)
_TO_CYRILLIC = str.maketrans(
    {latin: other for other, latin in LOOK_ALIKES.items() if _CYRILLIC.match(other)}
)
# A run of letters holding at least one non-ASCII letter: the only words that can mix scripts.
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")

_QUOTES = "\u2018\u2019\u201a\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SILENT = "\u044c\u044a"  # Cyrillic soft and hard signs, after casefolding

_CHAR_MAP = {
    **dict.fromkeys(_QUOTES, "'"),
    **dict.fromkeys(_DASHES, "-"),
    **dict.fromkeys(_SILENT, ""),
}

# ASCII text only needs lowercasing and these 1:1 replacements, so it keeps its offsets.
_ASCII_TABLE = str.maketrans({"`": "'", "\t": " ", "\n": " ", "\r": " ", "\x0b": " ", "\x0c": " "})
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACE_RUN = re.compile(" {2,}")
# Written "y" first so the regex engine can skip ahead to each "y" instead of trying every char.
_GLIDE = re.compile(r"y(?<=[aeiou]y)(?=[aeiou])")


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


def unmix_scripts(text: str) -> str:
    """``text`` with each mixed-script word's look-alike letters swapped into the script
    most of the word is written in; one character for one, so offsets into it hold.

    A word evenly split between scripts, or in one script, is left alone. In a
    mostly-Cyrillic word Latin letters become Cyrillic; nothing becomes Greek, because no
    text here is written in Greek.
    """
    if not _CYRILLIC_OR_GREEK.search(text):
        return text
    return _NON_ASCII_WORD.sub(_unmix_word, text)


def fold_mixed_scripts(text: str) -> str:
    """``unmix_scripts``, then a mostly-Latin word's Cyrillic letters without a Latin twin
    are transliterated, so "Baktykожа" is stored as "Baktykozha", all Latin. There is no
    agreed way back from Latin, so a mostly-Cyrillic word keeps its other letters.
    """
    return _NON_ASCII_WORD.sub(_latinise_word, unmix_scripts(text))


def _majority_script(word: str) -> str | None:
    """The script ("latin" or "cyrillic") of most letters of a word that mixes scripts."""
    latin = len(_LATIN.findall(word))
    others = len(_CYRILLIC_OR_GREEK.findall(word))
    if not latin or not others:
        return None
    if latin > others:
        return "latin"
    cyrillic = len(_CYRILLIC.findall(word))
    if cyrillic > latin + (others - cyrillic):
        return "cyrillic"
    return None


def _unmix_word(match: re.Match) -> str:
    word = match.group()
    script = _majority_script(word)
    if script == "latin":
        return word.translate(_TO_LATIN)
    if script == "cyrillic":
        return word.translate(_TO_CYRILLIC)
    return word


def _latinise_word(match: re.Match) -> str:
    word = match.group()
    if not _CYRILLIC.search(word) or _majority_script(word) != "latin":
        return word
    return _CYRILLIC.sub(lambda letter: re.sub(r"[^A-Za-z]", "", anyascii(letter.group())), word)


def normalize(text: str) -> tuple[str, Sequence[int]]:
    """Return the folded text and, for each folded char, its offset in `text`.

    The offsets are a list, or a range when folding kept every char where it was.
    """
    if text.isascii():
        return _squeeze(text.lower().translate(_ASCII_TABLE), range(len(text)))
    text = unmix_scripts(text)
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for run in _NON_ASCII_RUN.finditer(text):
        start, end = run.span()
        if position < start:
            parts.append(text[position:start].lower().translate(_ASCII_TABLE))
            offsets.extend(range(position, start))
        for index in range(start, end):
            folded_char = _fold_char(text[index])
            parts.append(folded_char)
            offsets.extend([index] * len(folded_char))
        position = end
    parts.append(text[position:].lower().translate(_ASCII_TABLE))
    offsets.extend(range(position, len(text)))
    return _squeeze("".join(parts), offsets)


def fold(text: str) -> str:
    """The folded form of `text` alone, as used for alias keys."""
    return normalize(text)[0]


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    if char in _CHAR_MAP:  # before NFKC, which turns "´" into a space and an accent
        return _CHAR_MAP[char]
    folded = []
    for part in unicodedata.normalize("NFKC", char).casefold():
        if part in _CHAR_MAP:
            folded.append(_CHAR_MAP[part])
        elif part.isspace():
            folded.append(" ")
        elif part.isascii():
            folded.append(part.translate(_ASCII_TABLE))
        else:
            folded.append(anyascii(part).lower())
    return "".join(folded)


def _squeeze(folded: str, offsets: Sequence[int]) -> tuple[str, Sequence[int]]:
    """Collapse space runs to one space and drop glide "y"s, keeping offsets aligned."""
    if "y" not in folded and "  " not in folded:  # most aliases: skip both regex scans
        return folded, offsets
    cuts = sorted(
        [(run.start() + 1, run.end()) for run in _SPACE_RUN.finditer(folded)]
        + [glide.span() for glide in _GLIDE.finditer(folded)]
    )
    if not cuts:
        return folded, offsets
    kept_parts: list[str] = []
    kept_offsets: list[int] = []
    position = 0
    for start, end in cuts:
        kept_parts.append(folded[position:start])
        kept_offsets.extend(offsets[position:start])
        position = end
    kept_parts.append(folded[position:])
    kept_offsets.extend(offsets[position:])
    return "".join(kept_parts), kept_offsets
