"""Fold text into a comparable form while remembering where every folded char came from.

Article text and entity aliases go through the same `normalize`, so two spellings match
exactly when their folded forms are equal. Folding, in order:

1. Inside a word that mixes Latin with Cyrillic or Greek letters ("Baktykожа"), the
   look-alike letters of the minority script are swapped for the majority script's, so a
   stray Cyrillic "о" in a Latin word reads as "o" (and a stray Latin "T" in a Cyrillic
   word as "Т").
2. Per character: Unicode NFKC, casefold, curly quotes and modifier apostrophes to "'",
   every dash to "-", every whitespace char to " ", Cyrillic soft and hard signs dropped
   (so "Гумильёв" folds like "Gumilev"), and anything else non-ASCII transliterated with
   anyascii ("Мажилис" -> "mazhilis", "Токаев" -> "tokaev").
3. Runs of spaces become one space.
4. A "y" between two vowels is dropped ("Tokayev" and "Tokaev" both fold to "tokaev",
   "Serikbayev" to "serikbaev"). This is the one phonetic rule: Kazakh and Russian names
   reach English with and without that glide, and dropping it merges no two names that
   are written differently in their own script.

Characters that fold to nothing (zero-width spaces, soft hyphens, combining accents) have
no folded position; a match never starts or ends on them.
"""

# This module is about look-alike letters, so it must spell them out.
# ruff: noqa: RUF001, RUF002, RUF003

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from anyascii import anyascii

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

_CYRILLIC_TO_LATIN = dict(
    zip(
        "аеорсухіјѕкһԁԛԝАВЕКМНОРСТУХІЈЅҺ",
        "aeopcyxijskhdqwABEKMHOPCTYXIJSH",
        strict=True,
    )
)
_GREEK_TO_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυ", "ABEZHIKMNOPTYXaikvoptu", strict=True))
_LATIN_TO_CYRILLIC = dict(zip("aeopcyxiABEKMHOPCTXI", "аеорсухіАВЕКМНОРСТХІ", strict=True))
_TO_LATIN = str.maketrans({**_CYRILLIC_TO_LATIN, **_GREEK_TO_LATIN})
_TO_CYRILLIC = str.maketrans(_LATIN_TO_CYRILLIC)

_CYRILLIC_OR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A run of letters holding at least one non-ASCII letter: the only words that can mix scripts.
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\W\d_\x00-\x7f][^\W\d_]*")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_SPACE_RUN = re.compile(" {2,}")
# Written "y" first so the regex engine can skip ahead to each "y" instead of trying every char.
_GLIDE = re.compile(r"y(?<=[aeiou]y)(?=[aeiou])")


def normalize(text: str) -> tuple[str, Sequence[int]]:
    """Return the folded text and, for each folded char, its offset in `text`.

    The offsets are a list, or a range when folding kept every char where it was.
    """
    if text.isascii():
        return _squeeze(text.lower().translate(_ASCII_TABLE), range(len(text)))
    if _CYRILLIC_OR_GREEK.search(text):
        text = _NON_ASCII_WORD.sub(_unmix_scripts, text)
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


def _unmix_scripts(match: re.Match) -> str:
    word = match.group()
    latin = len(_ASCII_LETTER.findall(word))
    if not latin:
        return word
    cyrillic = len(_CYRILLIC.findall(word))
    other = len(_CYRILLIC_OR_GREEK.findall(word))
    if not other:
        return word
    if latin >= other:
        return word.translate(_TO_LATIN)
    if cyrillic:
        return word.translate(_TO_CYRILLIC)
    return word


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
