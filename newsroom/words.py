"""Names that are also ordinary words, which the linker matches only with their capitals.

Plain Python with no Django import. The registry's importer marks such aliases; editors
can mark more in the admin. The list is short on purpose: a name wrongly marked still
links wherever it is capitalised, but a common word left unmarked links everywhere.
"""

from .text import fold

# Ordinary words of each language that name programmes, parties, companies and funds here
# ("болашақ" is "future", "аманат" a trust), as each language writes them.
_NAME_WORDS_BY_LANGUAGE = {
    "kk": """
        болашақ аманат нұр отан ақ жол темір самұрық қазына бәйтерек бірлік ауыл адал
        дарын жастар ұлт ел ата мекен ерлік серпін алаш республика таза жасыл
        """,
    "ru": "республика",
    "en": """
        future trust light ray unity hope dawn path iron road treasury homeland youth talent
        """,
}
# The same names spelt in another language's letters, ordinary words in none of them.
_NAME_WORDS_ELSEWHERE = """
    болашак нур темир самрук казына байтерек ак bolashak amanat nur otan temir zhol samruk
    kazyna baiterek birlik auyl adal daryn zhastar ult el erkin serpin alash respublika ak
"""
# Words for a kind of body that also name one body here ("the academic senate").
_BODY_WORDS = "senate сенат"

_ORDINARY_WORDS = {
    language: frozenset(words.split()) for language, words in _NAME_WORDS_BY_LANGUAGE.items()
}
# Folded, so each script's spelling counts.
_NAME_WORDS = frozenset(
    fold(word)
    for word in " ".join(
        [*_NAME_WORDS_BY_LANGUAGE.values(), _NAME_WORDS_ELSEWHERE, _BODY_WORDS]
    ).split()
)

# English words an acronym may spell ("AIM", "CARE"): an acronym is read as one of them
# only in capitals.
_ENGLISH_WORDS = frozenset(
    """
    ace aim arm art bar bed bet cab can cap car cat cup dog ear eat end era fan fat fit fly
    fog fun gap gas gem gun hat hit hot ice ink jam jet key kit lab law leg let lip log man
    map may net now nut oak oil one out owl pan pen pet pie pin pit pot ray red rod run sea
    set sin sir sky son spa sun tab tag tan tax tea ten tin tip toe ton top toy use van war
    way web win yes zoo able also band bank bear beat best bird boat body bold bond book
    boss call care case cash cell city club coal code cool core cost crew cure dash data
    date dawn deal dear deep desk diet dish door dove draw drop duty earn east easy edge
    even exit face fact fair farm fast fate fear file film fine fire firm fish flag flat
    flow fold food foot form fuel fund gain game gate gift goal gold golf good grid grow
    hall hand hard harm head heat help here hero high hill hold home hope host hour idea
    iron item join jump just keen keep kind king land last lead left life lift line link
    list live load loan lock long look lord love luck mail main make mark mass meal meet
    mind mine miss mode more most move much must name navy near need news next nice node
    none norm note once only open pace pack page pair park part pass past path peak plan
    play plus poll pool port post pure push race rail rain rank rate read real rest rice
    rich ride ring rise risk road rock role roof room root rose rule safe sail sale salt
    same sand save seat seed seek self sell send ship shop show side sign silk site size
    slow snow soft soil song sort soul spot star stay step stop suit sure take talk task
    team tell term test text time tone tool tour town tree trip true turn type unit user
    vast view vote wage wait walk wall warm wave wear week well west wide wild will wind
    wing wise wish wood word work yard year zero zone
    """.split()  # noqa: SIM905 -- a word list reads best as prose
)


def is_common_word(name: str) -> bool:
    """Whether the alias `name` is also an ordinary word: a listed word in any script, a
    phrase made only of them ("Ақ жол"), or an acronym that spells an English word once
    lower-cased."""
    folded = fold(name).strip(" .'\"")
    if folded and all(word in _NAME_WORDS for word in folded.split()):
        return True
    return name.isupper() and name.isalpha() and folded in _ENGLISH_WORDS


def is_ordinary_word(name: str, language: str) -> bool:
    """Whether the name `name` is, as written, an ordinary word of `language` ("kk", "ru",
    "en"), so that a capital at the start of a sentence does not make it the name:
    "Болашақта" in Kazakh is "in the future", "Bolashak" in English is the programme."""
    words = _ORDINARY_WORDS.get(language, frozenset())
    return all(word in words for word in name.lower().split())
