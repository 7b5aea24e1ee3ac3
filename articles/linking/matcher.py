"""Find every mention of a known entity in a text, in one pass.

What the words around a hit say (capitals, a longer name, another country) is read by
`articles.linking.context`; word forms by `articles.linking.morphology`.

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

Word forms and spelling (see `morphology`): a Russian-spelled alias is also found in its
case forms, singular and, for things, plural ("Министерства образования", "Токаеву");
a Cyrillic alias followed, inside the word, by a chain of Kazakh suffixes in its vowel
class is found with them ("Тоқаевтың", "министрлігінің"), also from the voiced stem
("Болашағы"). A hyphen inside a name reads as a space ("Samruk-Kazyna" = "Samruk
Kazyna"), and an initial matches a given name across scripts ("Ж." = "Zh." for "Zhaslan").

What a careful editor would not link (see `context`):

- An alias marked as a common word ("Bolashak", "Ақ жол") links only when written with
  its own capitals, not when a sentence's first capital falls on an ordinary word of the
  text's language ("Республика тратит"), nor when it opens a country's name.
- A hit that runs on into a longer capitalised or quoted name ("Nazarbayev University",
  "«Самрук-Казына Траст»", "академия «Болашак»") or into a known phrase ("темір жол")
  is none; in an all-capitals headline capitals say nothing.
- A qualifier naming another country than the entity's ("U.S. Senate", "Poland's
  Ministry of Education", "Верховного суда Кыргызстана") makes an exact hit a suggestion.
"""

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from newsroom.text import fold, normalize

from .context import (
    LOOKBEHIND,
    TITLES_AND_FUNCTION_WORDS,
    WORD_BEFORE,
    address_spans,
    other_country,
    runs_on,
    word_running_on,
    written_as_name,
)
from .morphology import KAZAKH_VOWELS, is_kazakh_ending, kazakh_voiced_stem, russian_forms

STRONG_KINDS = frozenset({"name", "short", "former"})
SURNAME = "surname"
_DERIVED_SURNAME = "derived surname"

_EXACT = "exact"
_SUGGEST = "suggest"
_EXACT_UNLESS_OTHER_NAME = "exact unless another given name precedes"

_PLURAL_ENDINGS = ("s", "es")

# "Immediately before" means on the same line: a headline's last word is no given name.
# One letter, or a Latin digraph romanising one Cyrillic letter ("Zh.", "Sh.", "Yu.").
_INITIAL = r"(?:[ZGSCK]h|Ts|Y[aeuo]|[^\W\d_])(?=\.)"
_INITIALS_BEFORE = re.compile(rf"(?<![^\W_])((?:{_INITIAL}\.-?)+)[^\S\r\n]+$")
# Folded text is ASCII, so these are all the chars that may not start or end an alias key.
_ASCII_NON_ALPHANUMERIC = "".join(chr(c) for c in range(128) if not chr(c).isalnum())


@dataclass(frozen=True)
class AliasEntry:
    entity_id: Hashable
    text: str
    kind: str = "name"
    entity_kind: str = "institution"
    is_common_word: bool = False
    country: str = ""  # the entity's country, as the registry names it ("Kazakhstan")


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
    case_sensitive: bool = False
    country: str = ""
    # How the entity's aliases with this key are written, for a case-sensitive reading.
    spellings: tuple[str, ...] = ()
    person: bool = False


class _Key(NamedTuple):
    readings: tuple[_Reading, ...]
    takes_plural: bool
    # Found only in Russian text, and never in Latin letters, where it reads as another
    # name ("Tokayeva").
    russian_form: bool = False
    # A Kazakh stem whose last consonant voices before a vowel ("Болашағ|ы"): found only
    # in Kazakh text, and only with a suffix that starts with a vowel.
    kazakh_stem: bool = False


class Matcher:
    def __init__(self, aliases: Iterable[AliasEntry]):
        entries_by_key: dict[str, list[AliasEntry]] = defaultdict(list)
        base_keys: set[str] = set()
        kazakh_stems: set[str] = set()
        self._given_names: dict[Hashable, set[str]] = defaultdict(set)
        # Each entity's alias words: a name running on into one of them is still its own.
        self._alias_words: dict[Hashable, set[str]] = defaultdict(set)
        surnames: dict[tuple[Hashable, str], str] = {}
        for entry in aliases:
            words = _fold_words(entry.text).strip(_ASCII_NON_ALPHANUMERIC).split(" ")
            key = " ".join(words).replace("-", " ")
            if not key:
                continue
            entries_by_key[key].append(entry)
            self._alias_words[entry.entity_id].update(key.split(" "))
            base_keys.add(key)
            for form in russian_forms(entry.text, person=entry.entity_kind == "official"):
                entries_by_key[_alias_key(form)].append(entry)
            stem = kazakh_voiced_stem(entry.text)
            if stem:
                kazakh_stems.add(_alias_key(stem))
                entries_by_key[_alias_key(stem)].append(entry)
            if entry.entity_kind == "official" and entry.kind in STRONG_KINDS and len(words) > 1:
                self._given_names[entry.entity_id].update(_given_name_forms(words[:-1]))
                surnames[entry.entity_id, words[-1]] = entry.text.split()[-1]
        for (entity_id, given_key), surname in surnames.items():
            key = given_key.replace("-", " ")
            registered = any(e.entity_id == entity_id for e in entries_by_key.get(key, ()))
            if len(key) >= 3 and not registered:
                base_keys.add(key)
                entries_by_key[key].append(
                    AliasEntry(entity_id, surname, _DERIVED_SURNAME, "official")
                )

        self._keys: list[_Key] = []
        self._automaton = ahocorasick.Automaton()
        for key, entries in entries_by_key.items():
            self._automaton.add_word(key, (len(self._keys), len(key)))
            derived = key not in base_keys
            self._keys.append(
                _Key(
                    _readings(entries),
                    _takes_plural(key, entries),
                    derived and key not in kazakh_stems,
                    derived and key in kazakh_stems,
                )
            )
        if self._keys:
            self._automaton.make_automaton()

    def find(self, text: str, language: str = "") -> list[Hit]:
        """All entity mentions in `text`, in text order; a shared span gives one hit each.

        In text of a known `language` ("kk", "ru", "en") only its own word forms count:
        Russian case forms in Russian, Kazakh suffixes in Kazakh, neither in English.
        """
        russian = language in ("", "ru")
        kazakh = language in ("", "kk")
        if not self._keys or not text:
            return []
        folded, offsets = normalize(text)
        protected = address_spans(text, folded, offsets)
        folded = folded.replace("-", " ")  # one for one: the offsets still hold
        candidates = []
        for last, (key_index, length) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if not _starts_word(folded, offsets, start):
                continue
            key = self._keys[key_index]
            if key.kazakh_stem:
                if not kazakh or _ends_word(folded, offsets, end):
                    continue
                if text[offsets[end]].lower() not in KAZAKH_VOWELS:
                    continue
                end = _kazakh_end(text, folded, offsets, start, end)
                if end is None:
                    continue
            elif not _ends_word(folded, offsets, end):
                end = self._plural_end(folded, offsets, end, key_index) or (
                    _kazakh_end(text, folded, offsets, start, end) if kazakh else None
                )
                if end is None:
                    continue
            original = _original_span(text, offsets, start, end)
            if key.russian_form and (not russian or text[original[0]].isascii()):
                continue
            if not any(a < original[1] and original[0] < b for a, b in protected):
                candidates.append((start, -end, key_index, original))

        hits = []
        taken_until = 0
        starts = {original[0] for *_, original in candidates}
        ends = {original[1] for *_, original in candidates}
        for start, negative_end, key_index, (start_at, end_at) in sorted(candidates):
            if start < taken_until:
                continue
            taken_until = -negative_end
            matched = text[start_at:end_at]
            running_on = word_running_on(text, start_at, end_at, starts)
            for reading in self._keys[key_index].readings:
                if running_on and runs_on(running_on, self._alias_words[reading.entity_id]):
                    continue
                if reading.case_sensitive and not written_as_name(
                    text, start_at, end_at, reading.spellings, reading.person, language
                ):
                    continue
                exact = (
                    reading.certainty == _EXACT
                    or (
                        reading.certainty == _EXACT_UNLESS_OTHER_NAME
                        and not self._other_name_before(text, start_at, reading.entity_id, ends)
                    )
                ) and not other_country(text, start_at, end_at, reading.country, language, ends)
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

    def _other_name_before(
        self, text: str, start: int, entity_id: Hashable, ends: set[int]
    ) -> bool:
        """Whether an initial or given name that is not the official's own precedes `start`.

        A word that names an entity itself is none ("Сенатта Тоқаевтың", "в Мажилисе
        Кошанов"): inflected, it is no title, but it is no given name either.
        """
        lookbehind = max(0, start - LOOKBEHIND)
        before = text[lookbehind:start]
        own_names = self._given_names.get(entity_id, set())
        initials = _INITIALS_BEFORE.search(before)
        if initials:
            # "Ж." folds to "zh", as "Zh." does: either is the initial of "Zhaslan".
            letters = {fold(initial) for initial in re.findall(_INITIAL, initials.group(1))}
            return not all(any(n.startswith(i) for n in own_names) for i in letters)
        word = WORD_BEFORE.search(before)
        if not word or not word.group(1)[0].isupper() or lookbehind + word.end(1) in ends:
            return False
        name = fold(word.group(1))
        # A one-letter word without its dot is a preposition, not an initial ("в", "к").
        if len(name) == 1 or name.endswith("'s") or name.endswith("'"):
            return False
        return name not in own_names and name not in TITLES_AND_FUNCTION_WORDS


def _alias_key(alias: str) -> str:
    """The folded alias with any surrounding punctuation removed ("'Lu Ban'" -> "lu ban")."""
    return _fold_words(alias).replace("-", " ").strip(_ASCII_NON_ALPHANUMERIC)


def _fold_words(text: str) -> str:
    """`fold(text)`, a word at a time: folding works within words, and a registry's
    aliases and their word forms repeat their words, so each is folded once."""
    return " ".join(folded for word in text.split() if (folded := _fold_word(word).strip()))


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


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
            certainty = _EXACT
        else:
            certainty = _EXACT_UNLESS_OTHER_NAME if entry.kind == SURNAME else _SUGGEST
        return (
            _Reading(
                entry.entity_id,
                entry.text,
                certainty,
                entry.is_common_word,
                entry.country,
                (entry.text,) if entry.is_common_word else (),
                entry.entity_kind == "official",
            ),
        )
    first_by_entity: dict[Hashable, AliasEntry] = {}
    kinds_by_entity: dict[Hashable, set[str]] = defaultdict(set)
    spellings: dict[Hashable, list[str]] = defaultdict(list)
    for entry in entries:
        first_by_entity.setdefault(entry.entity_id, entry)
        kinds_by_entity[entry.entity_id].add(entry.kind)
        spellings[entry.entity_id].append(entry.text)
    strong = [e for e, kinds in kinds_by_entity.items() if kinds & STRONG_KINDS]
    only_entity = next(iter(kinds_by_entity)) if len(kinds_by_entity) == 1 else None

    def certainty(entity_id) -> str:
        if strong == [entity_id]:
            return _EXACT
        if entity_id == only_entity and SURNAME in kinds_by_entity[entity_id]:
            return _EXACT_UNLESS_OTHER_NAME
        return _SUGGEST

    return tuple(
        _Reading(
            e,
            first.text,
            certainty(e),
            first.is_common_word,
            first.country,
            tuple(spellings[e]) if first.is_common_word else (),
            first.entity_kind == "official",
        )
        for e, first in first_by_entity.items()
    )


def _takes_plural(key: str, entries: list[AliasEntry]) -> bool:
    return (
        " " in key
        and key[-1].isalpha()
        and not key.endswith("s")
        and any(e.entity_kind == "institution" and e.kind in STRONG_KINDS for e in entries)
    )


def _kazakh_end(text, folded, offsets, start, end) -> int | None:
    """Where the word ends when the rest of it after the hit is a chain of Kazakh suffixes
    ("Тоқаев|тың"); None otherwise."""
    stem_end = offsets[end]
    if stem_end == offsets[end - 1] or not "\u0400" <= text[stem_end] <= "\u04ff":
        return None
    word_end = stem_end
    while word_end < len(text) and text[word_end].isalpha():
        word_end += 1
    ending = text[stem_end:word_end].lower()
    if not is_kazakh_ending(text[offsets[start] : stem_end].lower(), ending):
        return None
    folded_end = end
    while folded_end < len(folded) and offsets[folded_end] < word_end:
        folded_end += 1
    return folded_end


def _starts_word(folded: str, offsets: Sequence[int], start: int) -> bool:
    return start == 0 or (not folded[start - 1].isalnum() and offsets[start - 1] != offsets[start])


def _ends_word(folded: str, offsets: Sequence[int], end: int) -> bool:
    return end == len(folded) or (not folded[end].isalnum() and offsets[end] != offsets[end - 1])


def _original_span(text: str, offsets: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back, keeping trailing chars that fold to nothing ("Бань", "é")."""
    return offsets[start], offsets[end] if end < len(offsets) else len(text)
