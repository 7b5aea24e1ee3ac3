# ruff: noqa: RUF001 -- Cyrillic words are the subject.
"""What the words around a hit say about it: whether it is written as a name, runs on
into a longer name or a common phrase, is qualified by another country, or sits inside a
web address or a handle.

Plain Python, for the matcher (``articles.linking.matcher``).
"""

import re
from collections.abc import Sequence

from newsroom.text import fold
from newsroom.words import is_ordinary_word

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

# Marks of a web or email address, looked for in folded text; the address is the whole
# whitespace-delimited token around the mark.
_ADDRESS_MARKS = ("@", "://", "www.")
_DOMAIN_MARK = re.compile(r"\.(?:kz|ru|cn|com|org|net|gov|edu|me|io)\b|[a-z0-9]\.[a-z]{2,6}/")

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


def word_running_on(text: str, start: int, end: int, starts: set[int]) -> str | bool:
    """Whether the words after a hit continue a longer name or a common phrase: True,
    False, or the word that does unless it is a word of the entity's own names ("Lu Ban
    Workshop" for "Lu Ban")."""
    quoted = _quoted_name_word(text, start, end)
    if quoted is not None:
        return quoted
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
        or (written.isupper() and _in_capitals(text, start, end))
    ):
        return False
    return word


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the line around a span is all capitals ("SUPREME COURT BACKS MINISTRY"),
    where a capital says nothing about where a name ends."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    return not any(char.islower() for char in line)


_OPENING_QUOTES = '«“„"'
_CLOSING_QUOTES = '»”"'
# Words for a kind of body that a quoted name may belong to instead of the entity ("академия
# «Болашак»", "«Болашақ» академиясы"), folded, as the start of the word in any case.
_BODY_KINDS = tuple(
    fold(stem)
    for stem in """
    академи университет институт колледж школ лице гимнази мектеб мектеп
    """.split()  # noqa: SIM905 -- a word list reads best as prose
)


# More words than this after a hit inside quotes make a quoted sentence, not a longer name.
_QUOTED_NAME_WORDS = 3


def _quoted_name_word(text: str, start: int, end: int) -> str | bool | None:
    """For a hit that opens a quoted name, the word that makes the quoted name another's:
    a further word inside the quotes ("«Самрук-Казына Траст»") or a kind of body right
    before or after them ("академия «Болашак»"); False if none; None if not quoted."""
    if start == 0 or text[start - 1] not in _OPENING_QUOTES:
        return None
    close = next(
        (i for i in range(end, min(len(text), end + 60)) if text[i] in _CLOSING_QUOTES + "\n"),
        -1,
    )
    if close == -1 or text[close] == "\n":
        return False
    inside = text[end:close].split()
    if inside:
        # A name goes on with a capital ("Траст"); anything else is a quoted sentence.
        if len(inside) > _QUOTED_NAME_WORDS or not inside[0][:1].isupper():
            return None
        return fold(inside[0].strip(".,"))
    before = WORD_BEFORE.search(text[max(0, start - LOOKBEHIND) : start - 1])
    after = _NEXT_WORD.match(text, close + 1)
    for word in (before and before.group(1), after and not after.group(1) and after.group(2)):
        if word and fold(word).startswith(_BODY_KINDS):
            return fold(word)
    return False


def starts_sentence(text: str, start: int) -> bool:
    """Whether a hit opens a sentence, a paragraph or the text, unquoted."""
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in ".!?…\n"


def runs_on(running_on: str | bool, own_words: set[str]) -> bool:
    if isinstance(running_on, bool):
        return running_on
    if running_on.startswith(_BODY_KINDS):
        # "«Болашақ» академиясы": another body, unless the entity's own names say it is one.
        return not any(word.startswith(running_on[:6]) for word in own_words)
    return running_on not in own_words and running_on.rstrip("s") not in own_words


# Words that name a country when they qualify an institution's name, folded: its name
# (and the Russian and Kazakh genitive), its adjective (and the Russian genitive of the
# largest ones), its abbreviation.
_COUNTRY_WORDS = {
    fold(word): country
    for country, words in {
        "United States": """
            u.s. usa american america америка сша американский американского американской
            штатов ақш
            """,
        "China": "china chinese prc китай китая китайский китайского китайской кнр қытай қытайдың",
        "Russia": """
            russia russian россия россии российский российского российской рф ресей ресейдің
            """,
        "Kazakhstan": """
            kazakhstan kazakh казахстан казахстана казахстанский рк қазақстан қазақстанның
            """,
        "Uzbekistan": "uzbekistan uzbek узбекистан узбекистана узбекский өзбекстан өзбекстанның",
        "Kyrgyzstan": """
            kyrgyzstan kyrgyz кыргызстан кыргызстана киргизия киргизии кыргызский қырғызстан
            қырғызстанның
            """,
        "Tajikistan": "tajikistan tajik таджикистан таджикистана тәжікстан тәжікстанның",
        "Turkmenistan": "turkmenistan turkmen туркменистан туркменистана түрікменстан",
        "Turkey": "turkey turkish türkiye турция турции түркия түркияның",
        "Germany": "germany german германия германии германияның",
        "Poland": "poland polish польша польши польшаның",
        "Belarus": "belarus belarusian беларусь беларуси беларусьтің",
        "Ukraine": "ukraine ukrainian украина украины украинаның",
        "Mongolia": "mongolia mongolian монголия монголии моңғолия моңғолияның",
        "Japan": "japan japanese япония японии жапония жапонияның",
        "Korea": "korea korean корея кореи кореяның",
        "India": "india indian индия индии үндістан үндістанның",
        "France": "france french франция франции францияның",
        "United Kingdom": "britain british uk великобритания великобритании ұлыбритания",
    }.items()
    for word in words.split()
}
_WORD_AFTER = re.compile(r"[^\S\r\n]+(?:of[^\S\r\n]+)?([^\W\d_][\w.'\u2019]*)")
# "U.S. Supreme Court": initials with their dots, which `WORD_BEFORE` leaves out.
_ABBREVIATION_BEFORE = re.compile(r"(?<![\w.])((?:[A-Z]\.){2,})[^\S\r\n]+$")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


def other_country(
    text: str, start: int, end: int, country: str, language: str = "", name_ends=frozenset()
) -> bool:
    """Whether a qualifier of the hit names a country other than `country`: the word
    before it, or (but in Kazakh, where qualifiers come first) the word after it. In
    English a capitalised possessive before it counts too ("Poland's Ministry of
    Education"), unless it is `country`, a title or a name found in the text (ending at
    one of `name_ends`: "Tokayev's Senate speech")."""
    if not country:
        return False
    words = []
    lookbehind_start = max(0, start - LOOKBEHIND)
    lookbehind = text[lookbehind_start:start]
    before = WORD_BEFORE.search(lookbehind) or _ABBREVIATION_BEFORE.search(lookbehind)
    if before:
        words.append(before.group(1))
    after = _WORD_AFTER.match(text, end) if language != "kk" else None
    if after:
        words.append(after.group(1).rstrip("."))
    for word in words:
        named = country_named(word)
        if named and named != country:
            return True
    if before and language in ("", "en"):
        word = before.group(1)
        owner = _POSSESSIVE.sub("", word)
        if (
            word[0].isupper()
            and owner != word
            and fold(owner) not in _NOT_NAME_WORDS
            and lookbehind_start + before.start(1) + len(owner) not in name_ends
        ):
            return country_named(word) != country
    return False


def country_named(word: str) -> str | None:
    """The country `word` names ("US", "China's", "Кыргызстана"), or None."""
    if word in ("US", "U.S"):
        return "United States"
    return _COUNTRY_WORDS.get(fold(_POSSESSIVE.sub("", word)))


def country_follows(text: str, end: int) -> bool:
    """Whether the word after a hit names a country ("Республики Казахстан")."""
    after = _WORD_AFTER.match(text, end)
    return bool(after) and country_named(after.group(1).rstrip(".")) is not None


def written_as_name(
    text: str, start: int, end: int, spellings: tuple[str, ...], person: bool, language: str
) -> bool:
    """Whether a hit of an alias that is also a common word (spelt as `spellings`) is
    written as the name: with the alias's capitals, not opening the name of a country
    ("Республики Казахстан"), and, unless it names a `person`, not merely a sentence's
    first capital on an ordinary word of the text's language ("Республика тратит",
    "Болашақта мұндай"; but "Темір айтты")."""
    matched = text[start:end]
    return (
        any(same_capitals(alias, matched) for alias in spellings)
        and not country_follows(text, end)
        and (
            person
            or not starts_sentence(text, start)
            or not any(is_ordinary_word(alias, language) for alias in spellings)
        )
    )


def address_spans(text: str, folded: str, offsets: Sequence[int]) -> list[tuple[int, int]]:
    """The spans of web and email addresses and handles in `text`: nothing inside links."""
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
