# ruff: noqa: RUF001 -- Cyrillic words are the subject.
"""What the words around a hit say about it: whether it is written as a name, runs on
into a longer name or a common phrase, or is qualified by another country.

Plain Python, for the matcher (``articles.linking.matcher``).
"""

import re

from newsroom.text import fold

from .morphology import is_genitive_noun

# Capitalised words that commonly sit right before a surname without being a given name.
TITLES_AND_FUNCTION_WORDS = frozenset(
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
    prezidenta prezidentu prezidentom prezidenti ministra ministru predsedatel
    predsedatelya glava glavy premer vitse-premer toragha toraghasy
    """.split()  # noqa: SIM905 -- a word list reads best as prose
)

WORD_BEFORE = re.compile(r"(?<![\w.'\u2019-])([^\W\d_][\w'\u2019-]*)[^\S\r\n]+$")
LOOKBEHIND = 60


def same_capitals(alias: str, matched: str) -> bool:
    """Whether each word of `matched` starts with a capital where the alias's does, and an
    all-capitals word is written in capitals ("Bolashak", "AMANAT"; not "bolashak")."""
    for alias_word, word in zip(alias.split(), matched.split(), strict=False):
        if alias_word.isupper() and len(alias_word) > 1:
            if not word[: len(alias_word)].isupper():
                return False
        elif alias_word[:1].isupper() and not word[:1].isupper():
            return False
    return True


# A capitalised word after a Latin-script hit continues the name, unless it is one of these.
_NOT_NAME_WORDS = TITLES_AND_FUNCTION_WORDS | frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december i
    """.split()  # noqa: SIM905 -- a word list reads best as prose
)
_NEXT_WORD = re.compile(r"[^\S\r\n]+(?:(of)[^\S\r\n]+)?([^\W\d_][\w'\u2019]*)")
# Words that make a name before them part of a common phrase ("темір жол", "railway").
_PHRASE_WORDS = frozenset({"жол", "жолы", "жолдары", "жолының", "zhol", "zholy", "zholdary"})


# Russian heads of institution names that a field in the genitive may follow, in every
# singular case, folded ("университета искусств", "академии наук").
_FIELD_HEADS = tuple(
    {
        fold(f"{stem}{ending}")
        for stems, endings in (
            ("университет институт театр", ("", "а", "у", "ом", "е")),
            ("академи консерватори", ("я", "и", "ю", "ей")),
            ("музе", ("й", "я", "ю", "ем", "е")),
        )
        for stem in stems.split()
        for ending in endings
    }
)


# "университет имени Гумилева": the same university, by its full name.
_NAMED_AFTER = frozenset({"имени", "им"})


def word_running_on(text: str, end: int, starts: set[int]) -> str | bool:
    """Whether the words after a hit continue a longer name or a common phrase: True,
    False, or the capitalised word that does unless it is a word of the entity's own
    names ("Lu Ban Workshop" for "Lu Ban")."""
    following = _NEXT_WORD.match(text, end)
    if not following:
        return False
    written = following.group(2)
    word = written.strip("'\u2019").lower()
    if not following.group(1) and word in _PHRASE_WORDS:
        return True
    if written[0].islower():
        return (
            not word.isascii()
            and word not in _NAMED_AFTER
            and fold(text[end - 12 : end]).endswith(_FIELD_HEADS)
            and is_genitive_noun(word)
        )
    # Only English capitalises every word of a name; "Министерство образования Казахстана".
    if (
        not text[end - 1].isascii()
        or following.start(2) in starts
        or word in _NOT_NAME_WORDS
        or word in _COUNTRY_WORDS
    ):
        return False
    return word


def runs_on(running_on: str | bool, own_words: set[str]) -> bool:
    if isinstance(running_on, bool):
        return running_on
    return running_on not in own_words and running_on.rstrip("s") not in own_words


# Words that name a country when they qualify an institution's name, folded.
_COUNTRY_WORDS = {
    fold(word): country
    for country, words in {
        "United States": "u.s. usa american america america's американский сша",
        "China": "china china's chinese prc китай китая китайский қытай қытайдың",
        "Russia": "russia russia's russian россия россии российский российской ресей ресейдің",
        "Kazakhstan": "kazakhstan kazakhstan's kazakh казахстан казахстана қазақстан қазақстанның",
        "Uzbekistan": "uzbekistan uzbek узбекистан узбекистана өзбекстан",
        "Kyrgyzstan": "kyrgyzstan kyrgyz кыргызстан киргизии қырғызстан",
    }.items()
    for word in words.split()
}
_WORD_AFTER = re.compile(r"[^\S\r\n]+(?:of[^\S\r\n]+)?([^\W\d_][\w.'\u2019]*)")


def other_country(text: str, start: int, end: int, country: str) -> bool:
    """Whether the word before or after the hit names a country other than `country`."""
    if not country:
        return False
    words = []
    before = WORD_BEFORE.search(text[max(0, start - LOOKBEHIND) : start])
    if before:
        words.append(before.group(1))
    after = _WORD_AFTER.match(text, end)
    if after:
        words.append(after.group(1).rstrip("."))
    for word in words:
        named = "United States" if word in ("US", "U.S") else _COUNTRY_WORDS.get(fold(word))
        if named and named != country:
            return True
    return False
