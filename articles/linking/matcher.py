"""Find every mention of a known entity in a text, in one pass.

Aliases and text are compared in folded form (see `newsroom.text.normalize`). Every
alias occurrence is found with one Aho-Corasick automaton; only whole words count (no
letter or digit on either side), overlapping occurrences resolve leftmost-longest, and
nothing inside a URL, a web address or an email address counts.

Which hits link automatically (`exact`) and which only suggest a link to an editor:

- A "name", "short" or "former" alias held by exactly one entity is exact.
- An alias held by several entities gives one suggestion per entity.
- A "surname" alias held by exactly one official is exact, unless the word right before
  it is an initial or a capitalised name that is not one of that official's own given
  names ("A. Tokayev", "Aidos Nurbek" for Sayasat Nurbek): then it is a suggestion, since
  it most likely names somebody else. Capitalised titles and common sentence openers
  ("President", "Speaker", "When", "Later") do not count as names; any other capitalised
  word does, even at the start of a sentence, because a wrong automatic link costs more
  than a suggestion an editor confirms.
- Every official's surname is also derived from the last word of their multi-word full
  names. A derived surname that is not registered as an alias only ever suggests, and it
  makes a registered surname shared by two officials ambiguous.
- Several words of an institution's multi-word name take a plural ending ("Lu Ban
  workshops"); the hit covers the whole phrase.
"""

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from newsroom.text import fold, normalize

STRONG_KINDS = frozenset({"name", "short", "former"})
SURNAME = "surname"
_DERIVED_SURNAME = "derived surname"

_EXACT = "exact"
_SUGGEST = "suggest"
_EXACT_UNLESS_OTHER_NAME = "exact unless another given name precedes"

_PLURAL_ENDINGS = ("s", "es")

# Capitalised words that commonly sit right before a surname without being a given name.
_TITLES_AND_FUNCTION_WORDS = frozenset(
    """
    president presidents leader leaders speaker minister ministers deputy deputies senator
    chairman chairwoman chair premier prime head director rector secretary governor mayor
    akim ambassador general professor prof dr mr mrs ms sir madam vice chief spokesman
    spokeswoman envoy comrade former acting prezident spiker ministr deputat rektor
    the a an and but or as when while after before with by for from of to in on at under
    said says told according also meanwhile however then if since until that this state
    later earlier today yesterday now here there so thus yet still instead recently finally
    first next both even only why how where what who which although though because once it
    he she they we his her their our all each every some many speaking addressing thanks
    """.split()  # noqa: SIM905 -- a word list reads best as prose
)

# Marks of a web or email address, looked for in folded text; the address is the whole
# whitespace-delimited token around the mark.
_ADDRESS_MARKS = ("@", "://", "www.")
_DOMAIN_MARK = re.compile(r"\.(?:kz|ru|cn|com|org|net|gov|edu)\b")
# "Immediately before" means on the same line: a headline's last word is no given name.
_INITIALS_BEFORE = re.compile(r"(?<![^\W_])((?:[^\W\d_]\.-?)+)[^\S\r\n]+$")
_WORD_BEFORE = re.compile(r"(?<![\w.'\u2019-])([^\W\d_][\w'\u2019-]*)[^\S\r\n]+$")
_LOOKBEHIND = 60
# Folded text is ASCII, so these are all the chars that may not start or end an alias key.
_ASCII_NON_ALPHANUMERIC = "".join(chr(c) for c in range(128) if not chr(c).isalnum())


@dataclass(frozen=True)
class AliasEntry:
    entity_id: Hashable
    text: str
    kind: str = "name"
    entity_kind: str = "institution"


@dataclass(frozen=True)
class Hit:
    entity_id: Hashable
    start: int
    end: int
    text: str
    alias: str
    exact: bool


class _Reading(NamedTuple):
    """One entity a matched key may name, and how sure a match makes us."""

    entity_id: Hashable
    alias: str
    certainty: str


class _Key(NamedTuple):
    readings: tuple[_Reading, ...]
    takes_plural: bool


class Matcher:
    def __init__(self, aliases: Iterable[AliasEntry]):
        entries_by_key: dict[str, list[AliasEntry]] = defaultdict(list)
        self._given_names: dict[Hashable, set[str]] = defaultdict(set)
        surnames: dict[tuple[Hashable, str], str] = {}
        for entry in aliases:
            key = _alias_key(entry.text)
            if not key:
                continue
            entries_by_key[key].append(entry)
            words = key.split(" ")
            if entry.entity_kind == "official" and entry.kind in STRONG_KINDS and len(words) > 1:
                self._given_names[entry.entity_id].update(_given_name_forms(words[:-1]))
                surnames[entry.entity_id, words[-1]] = entry.text.split()[-1]
        for (entity_id, key), surname in surnames.items():
            registered = any(e.entity_id == entity_id for e in entries_by_key.get(key, ()))
            if len(key) >= 3 and not registered:
                entries_by_key[key].append(
                    AliasEntry(entity_id, surname, _DERIVED_SURNAME, "official")
                )

        self._keys: list[_Key] = []
        self._automaton = ahocorasick.Automaton()
        for key, entries in entries_by_key.items():
            self._automaton.add_word(key, (len(self._keys), len(key)))
            self._keys.append(_Key(_readings(entries), _takes_plural(key, entries)))
        if self._keys:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """All entity mentions in `text`, in text order; a shared span gives one hit each."""
        if not self._keys or not text:
            return []
        folded, offsets = normalize(text)
        protected = _address_spans(text, folded, offsets)
        candidates = []
        for last, (key_index, length) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not _starts_word(folded, offsets, start):
                continue
            if not _ends_word(folded, offsets, end):
                end = self._plural_end(folded, offsets, end, key_index)
                if end is None:
                    continue
            original = _original_span(text, offsets, start, end)
            if not any(a < original[1] and original[0] < b for a, b in protected):
                candidates.append((start, -end, key_index, original))

        hits = []
        taken_until = 0
        for start, negative_end, key_index, (start_at, end_at) in sorted(candidates):
            if start < taken_until:
                continue
            taken_until = -negative_end
            matched = text[start_at:end_at]
            for reading in self._keys[key_index].readings:
                exact = reading.certainty == _EXACT or (
                    reading.certainty == _EXACT_UNLESS_OTHER_NAME
                    and not self._other_name_before(text, start_at, reading.entity_id)
                )
                hit = Hit(reading.entity_id, start_at, end_at, matched, reading.alias, exact)
                hits.append(hit)
        return hits

    def _plural_end(self, folded, offsets, end, key_index) -> int | None:
        if not self._keys[key_index].takes_plural:
            return None
        for ending in _PLURAL_ENDINGS:
            plural_end = end + len(ending)
            if folded.startswith(ending, end) and _ends_word(folded, offsets, plural_end):
                return plural_end
        return None

    def _other_name_before(self, text: str, start: int, entity_id: Hashable) -> bool:
        """Whether an initial or given name that is not the official's own precedes `start`."""
        before = text[max(0, start - _LOOKBEHIND) : start]
        own_names = self._given_names.get(entity_id, set())
        initials = _INITIALS_BEFORE.search(before)
        if initials:
            letters = {fold(letter) for letter in re.findall(r"[^\W\d_]", initials.group(1))}
            return not letters <= {name[0] for name in own_names}
        word = _WORD_BEFORE.search(before)
        if not word or not word.group(1)[0].isupper():
            return False
        name = fold(word.group(1))
        if name.endswith("'s") or name.endswith("'"):
            return False
        return name not in own_names and name not in _TITLES_AND_FUNCTION_WORDS


def _address_spans(text: str, folded: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    marks = [m.start() for m in _DOMAIN_MARK.finditer(folded)]
    for mark in _ADDRESS_MARKS:
        found = folded.find(mark)
        while found != -1:
            marks.append(found)
            found = folded.find(mark, found + 1)
    spans = []
    for mark in marks:
        start = end = offsets[mark]
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        spans.append((start, end))
    return spans


def _alias_key(alias: str) -> str:
    """The folded alias with any surrounding punctuation removed ("'Lu Ban'" -> "lu ban")."""
    return fold(alias).strip(_ASCII_NON_ALPHANUMERIC)


def _given_name_forms(words: list[str]) -> set[str]:
    """Each given name as written, and each part of a hyphenated one ("kassym-jomart")."""
    forms = set()
    for word in words:
        forms.add(word)
        forms.update(part for part in word.split("-") if part)
    return {form.rstrip(".") for form in forms if form.rstrip(".")}


def _readings(entries: list[AliasEntry]) -> tuple[_Reading, ...]:
    """Apply the module's exact-or-suggestion policy to everyone a key may name."""
    if len(entries) == 1:  # the usual case, worth a shortcut when building a large registry
        (entry,) = entries
        if entry.kind in STRONG_KINDS:
            return (_Reading(entry.entity_id, entry.text, _EXACT),)
        certainty = _EXACT_UNLESS_OTHER_NAME if entry.kind == SURNAME else _SUGGEST
        return (_Reading(entry.entity_id, entry.text, certainty),)
    alias_by_entity: dict[Hashable, str] = {}
    kinds_by_entity: dict[Hashable, set[str]] = defaultdict(set)
    for entry in entries:
        alias_by_entity.setdefault(entry.entity_id, entry.text)
        kinds_by_entity[entry.entity_id].add(entry.kind)
    strong = [e for e, kinds in kinds_by_entity.items() if kinds & STRONG_KINDS]
    only_entity = next(iter(kinds_by_entity)) if len(kinds_by_entity) == 1 else None

    def certainty(entity_id) -> str:
        if strong == [entity_id]:
            return _EXACT
        if entity_id == only_entity and SURNAME in kinds_by_entity[entity_id]:
            return _EXACT_UNLESS_OTHER_NAME
        return _SUGGEST

    return tuple(_Reading(e, alias_by_entity[e], certainty(e)) for e in alias_by_entity)


def _takes_plural(key: str, entries: list[AliasEntry]) -> bool:
    return (
        " " in key
        and key[-1].isalpha()
        and not key.endswith("s")
        and any(e.entity_kind == "institution" and e.kind in STRONG_KINDS for e in entries)
    )


def _starts_word(folded: str, offsets: Sequence[int], start: int) -> bool:
    return start == 0 or (not folded[start - 1].isalnum() and offsets[start - 1] != offsets[start])


def _ends_word(folded: str, offsets: Sequence[int], end: int) -> bool:
    return end == len(folded) or (not folded[end].isalnum() and offsets[end] != offsets[end - 1])


def _original_span(text: str, offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back, keeping trailing chars that fold to nothing ("Бань", "é")."""
    return offsets[start], offsets[end] if end < len(offsets) else len(text)
