# ruff: noqa: RUF001, RUF002, RUF003 -- Cyrillic letters are the subject.
"""Word forms of Russian and Kazakh names, for the matcher. Plain Python, no Django.

Russian changes a name inside the word ("Министерство" -> "Министерства", adjectives
agreeing with their noun), so the matcher registers each alias's case forms as more keys
of its one automaton; pymorphy3 and its dictionary make them, and surnames it does
not know decline by their endings ("Смайылов" -> "Смайылова"). Kazakh only appends suffixes,
in chains that grow combinatorially ("министрлігі" + "нің", "Мәжіліс" + "те" + "гі"),
so the matcher checks the rest of the word after a hit against the chains allowed by
vowel harmony instead of registering them.
"""

import re
from functools import cache
from itertools import product

_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RUSSIAN_CASES = ("gent", "datv", "accs", "ablt", "loct")
_RUSSIAN_CASES_OF_THINGS = ("gent", "datv", "ablt", "loct")
# A thing's name of several words also in the plural ("в мастерских Лу Бань").
_RUSSIAN_PLURALS = ("nomn plur", "gent plur", "datv plur", "ablt plur", "loct plur")
# Surnames the dictionary lacks decline by their ending: masculine, then feminine.
_SURNAME_ENDINGS = re.compile(r"(?:[оеё]в|[иы]н)a?$".replace("a", "а"))
_SURNAME_FORMS = {
    "masculine": {"gent": "а", "datv": "у", "accs": "а", "ablt": "ым", "loct": "е"},
    "feminine": {"gent": "ой", "datv": "ой", "accs": "у", "ablt": "ой", "loct": "ой"},
}
# Words the dictionary reads as another part of speech when they open a name.
_HEAD_POS = frozenset({"NOUN"})
_AGREEING_POS = frozenset({"ADJF", "PRTF"})
_NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


@cache
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def russian_forms(name: str, *, person: bool = False) -> set[str]:
    """The other case forms (singular) of a Russian-spelled name; empty for other names.

    Words inflect from the start up to and including the first common noun, adjectives
    agreeing with it; whatever follows is a genitive complement that never changes
    ("Министерство образования" -> "Министерства образования"). People's names inflect
    whole ("Ерлан Кошанов" -> "Ерлана Кошанова"); a `person`'s given names that the
    dictionary lacks ("Жомарт", "Айгерим") decline by their last letter.
    """
    if not _CYRILLIC.search(name) or _KAZAKH_LETTERS.search(name):
        return set()
    words = name.split(" ")
    forms = set()
    surname_shaped = bool(_SURNAME_ENDINGS.search(words[0]))
    alone = len(words) == 1
    if (
        not person
        and (alone or not surname_shaped)
        and _parse(words[0]) is None
        and _declines_as_name(words[0])
    ):
        # A word the dictionary lacks heading a thing's name ("Нацбанк", "Акимат Астаны",
        # "Самрук-Казына") declines as a noun by its last letter; alone, it may also be a
        # surname ("Смайылов").
        forms = _forms(name, words, 1, _inflect_by_ending)
        if not (alone and surname_shaped):
            return forms
        person = True
    changing = 0
    # A surname heading a thing's name stays as written: "в Назарбаев Университете".
    fixed = set()
    for index, word in enumerate(words):
        shape = "name" if person and _declines_as_name(word) else _shape(word)
        if shape is None:
            break
        changing += 1
        if shape == "noun":
            break
        if shape == "name" and not person and index < len(words) - 1:
            fixed.add(index)
    if not changing:
        return forms

    def inflect(word, case):
        return _inflect_name(word, case) if person else _inflect(word, case)

    # An inanimate noun's accusative is its nominative; only people's names change.
    all_names = person or all(_shape(word) == "name" for word in words[:changing])
    plural = not all_names and len(words) > 1
    return forms | _forms(name, words, changing, inflect, fixed, animate=all_names, plural=plural)


def _forms(name, words, changing, inflect, fixed=(), *, animate=True, plural=False) -> set[str]:
    """`name` in each case (and in the plural, if `plural`), its first `changing` words
    (but the `fixed` ones) inflected."""
    forms = set()
    cases = _RUSSIAN_CASES if animate else _RUSSIAN_CASES_OF_THINGS
    for case in cases + _RUSSIAN_PLURALS if plural else cases:
        inflected = [
            word if index in fixed else inflect(word, case)
            for index, word in enumerate(words[:changing])
        ]
        if all(inflected):
            forms.add(" ".join([*inflected, *words[changing:]]))
    forms.discard(name)
    return forms


@cache
def _parse(word: str):
    """The nominative reading of `word`, a name's reading first; None if there is none.

    Words the dictionary lacks get none: guessing their paradigm costs a millisecond
    each, too slow for a registry of ten thousand names, and the surnames among them
    decline by their ending anyway."""
    if not _analyzer().word_is_known(word.lower()):
        return None
    parses = [p for p in _analyzer().parse(word) if "nomn" in p.tag]
    for parse in parses:
        if _NAME_TAGS & parse.tag.grammemes:
            return parse
    return parses[0] if parses else None


def _shape(word: str) -> str | None:
    """How `word` behaves inside a name: "name", "agrees", "noun", or None (fixed)."""
    if not _CYRILLIC.search(word):
        return None
    if "-" in word:  # "Касым-Жомарт": a double given name declines at its end
        head, _, last = word.rpartition("-")
        return "name" if head[:1].isupper() and _shape(last) == "name" else None
    if word[0].isupper() and _SURNAME_ENDINGS.search(word):
        return "name"
    parse = _parse(word)
    if parse is None:
        return None
    if _NAME_TAGS & parse.tag.grammemes:
        return "name"
    if parse.tag.POS in _AGREEING_POS:
        return "agrees"
    if parse.tag.POS in _HEAD_POS:
        return "noun"
    return None


@cache
def _inflect(word: str, case: str) -> str | None:
    if "-" in word:
        head, _, last = word.rpartition("-")
        form = _inflect(last, case)
        return f"{head}-{form}" if form else None
    if word[0].isupper() and _SURNAME_ENDINGS.search(word):
        if " " in case:
            return None  # a surname inside a thing's name has no plural of its own
        if word.endswith("а"):
            return word[:-1] + _SURNAME_FORMS["feminine"][case]
        return word + _SURNAME_FORMS["masculine"][case]
    parse = _parse(word)
    inflected = parse.inflect(set(case.split())) if parse else None
    if inflected is None:
        return None
    form = inflected.word
    # Keep how the word was written: "Евразийского", "ЕНУ".
    if word.isupper() and len(word) > 1:
        return form.upper()
    return form[0].upper() + form[1:] if word[0].isupper() else form


_GIVEN_NAME_ENDINGS = {
    "consonant": {"gent": "а", "datv": "у", "accs": "а", "ablt": "ом", "loct": "е"},
    "а": {"gent": "ы", "datv": "е", "accs": "у", "ablt": "ой", "loct": "е"},
    "я": {"gent": "и", "datv": "е", "accs": "ю", "ablt": "ей", "loct": "е"},
}
_AFTER_HUSHING = {"ы": "и", "ой": "ей"}  # "Айша" -> "Айши", "Айшей"


def _declines_as_name(word: str) -> bool:
    """Whether a capitalised Cyrillic word can decline as a person's name."""
    return bool(_CYRILLIC.search(word)) and word[:1].isupper() and word[-1:].isalpha()


@cache
def _inflect_name(word: str, case: str) -> str | None:
    """`word`, a part of a person's name, in `case`: the dictionary's form where it knows
    the word as a name, else by the word's ending."""
    if "-" in word:
        head, _, last = word.rpartition("-")
        form = _inflect_name(last, case)
        return f"{head}-{form}" if form else None
    if _SURNAME_ENDINGS.search(word) or _shape(word) == "name":
        return _inflect(word, case)
    return _inflect_by_ending(word, case)


def _inflect_by_ending(word: str, case: str) -> str:
    """`word`, which the dictionary lacks, in `case` by its last letter."""
    if "-" in word:  # "Самрук-Казына": a compound declines at its end
        head, _, last = word.rpartition("-")
        return f"{head}-{_inflect_by_ending(last, case)}"
    last = word[-1]
    if last in "ая":
        ending = _GIVEN_NAME_ENDINGS[last][case]
        if word[-2:-1] in "жшчщкгх":
            ending = _AFTER_HUSHING.get(ending, ending)
        return word[:-1] + ending
    if last in "бвгджзклмнпрстфхцчшщ":
        return word + _GIVEN_NAME_ENDINGS["consonant"][case]
    return word  # "Али", "Нурлы": indeclinable


@cache
def is_genitive_noun(word: str) -> bool:
    """Whether the dictionary reads the lower-case `word` first as a noun in the genitive
    ("искусств", "наук"): after "университета" it names another, longer institution."""
    if not _analyzer().word_is_known(word):
        return False
    tag = _analyzer().parse(word)[0].tag
    return tag.POS == "NOUN" and "gent" in tag


# Kazakh suffixes by vowel class, each with the shapes it takes after any stem; the
# consonant assimilation rules (-тың after a voiceless consonant, -ның after a vowel) are
# not enforced, since a misspelt ending still names the same person.
_PLURAL = {"back": ("лар", "дар", "тар"), "front": ("лер", "дер", "тер")}
_POSSESSIVE = {"back": ("ы", "сы"), "front": ("і", "сі")}
_CASES = {
    "back": (
        "ның",
        "дың",
        "тың",
        "ға",
        "қа",
        "на",
        "ны",
        "ды",
        "ты",
        "н",
        "да",
        "та",
        "нда",
        "дан",
        "тан",
        "нан",
        "мен",
        "бен",
        "пен",
        "менен",
    ),
    "front": (
        "нің",
        "дің",
        "тің",
        "ге",
        "ке",
        "не",
        "ні",
        "ді",
        "ті",
        "н",
        "де",
        "те",
        "нде",
        "ден",
        "тен",
        "нен",
        "мен",
        "бен",
        "пен",
        "менен",
    ),
}
_AFTER_LOCATIVE = {"back": ("ғы",), "front": ("гі",)}
_BACK_VOWELS = frozenset("аоұыя")
_FRONT_VOWELS = frozenset("әөүіе")
# Vowels of loanwords in both classes ("министр"): a vowel before them decides.
_WEAK_FRONT_VOWELS = frozenset("эиюу")
KAZAKH_VOWELS = _BACK_VOWELS | _FRONT_VOWELS | _WEAK_FRONT_VOWELS
# A Kazakh word's last voiceless consonant voices before a suffix that starts with a
# vowel: "Болашақ" -> "Болашағы", "Нұрбек" -> "Нұрбегі", "кітап" -> "кітабы".
_VOICED = {"қ": "ғ", "к": "г", "п": "б"}


def kazakh_voiced_stem(name: str) -> str | None:
    """The stem a Kazakh-spelled name takes before a vowel, if its last consonant voices
    there ("Болашақ" -> "Болашағ"); None otherwise."""
    voiced = _VOICED.get(name[-1:])
    if voiced is None or not _KAZAKH_LETTERS.search(name):
        return None
    return name[:-1] + voiced


def _chains(harmony: str) -> frozenset[str]:
    plural = ("", *_PLURAL[harmony])
    possessive = ("", *_POSSESSIVE[harmony])
    cases = ("", *_CASES[harmony])
    chains = {"".join(parts) for parts in product(plural, possessive, cases)}
    locatives = [chain for chain in chains if chain.endswith(("да", "та", "де", "те"))]
    chains |= {chain + suffix for chain in locatives for suffix in _AFTER_LOCATIVE[harmony]}
    chains.discard("")
    return frozenset(chains)


_LOANWORD_CLUSTER = re.compile("[бвгджзклмнпрстфхцчшщ]{2}$")
_KAZAKH_CHAINS = {"back": _chains("back"), "front": _chains("front")}


def is_kazakh_ending(stem: str, ending: str) -> bool:
    """Whether `ending` is a chain of Kazakh suffixes that may follow `stem` (both
    lower case): plural, possessive and case, in that order, in the stem's vowel class."""
    if _SURNAME_ENDINGS.search(stem):
        # Kazakh writes "Тоқаевтың" and "Мадиевке": a Russian ending takes either class.
        return ending in _KAZAKH_CHAINS["back"] or ending in _KAZAKH_CHAINS["front"]
    harmony = None
    for letter in reversed(stem):
        if letter in _BACK_VOWELS:
            harmony = "back"
            break
        if letter in _FRONT_VOWELS:
            harmony = "front"
            break
        if letter in _WEAK_FRONT_VOWELS and harmony is None:
            harmony = "front"
    if harmony is None:
        return False
    if harmony == "back" and _LOANWORD_CLUSTER.search(stem):
        # A loanword ending in two consonants takes either class ("банктің", "банкке").
        return ending in _KAZAKH_CHAINS["back"] or ending in _KAZAKH_CHAINS["front"]
    return ending in _KAZAKH_CHAINS[harmony]
