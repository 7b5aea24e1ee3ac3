"""A small registry shaped like the real one, with the spellings found in the seed articles."""

from articles.linking.matcher import AliasEntry, Matcher

LU_BAN, KOSHANOV, MAZHILIS, ENU, EKTU, TOKAYEV, NURBEK, XI = range(1, 9)


def _institution(entity_id, *names, short=()):
    return [AliasEntry(entity_id, name) for name in names] + [
        AliasEntry(entity_id, name, "short") for name in short
    ]


def _official(entity_id, *names, surnames=()):
    return [AliasEntry(entity_id, name, entity_kind="official") for name in names] + [
        AliasEntry(entity_id, name, "surname", "official") for name in surnames
    ]


ALIASES = [
    *_institution(
        LU_BAN, "Lu Ban Workshop", "Luban Workshop", "Lu Ban", "Luban", "Lou Banya", "Luo Ban"
    ),
    *_official(
        KOSHANOV, "Yerlan Koshanov", "Erlan Koshanov", "Ерлан Кошанов", surnames=["Koshanov"]
    ),
    *_institution(MAZHILIS, "Mazhilis", "Majilis", "Мажилис"),
    *_institution(
        ENU,
        "L.N. Gumilyov Eurasian National University",
        "Eurasian National University named after L.N. Gumilev",
        "Gumilev",
        "Gumilyov",
        short=["ENU"],
    ),
    *_institution(
        EKTU,
        "East Kazakhstan Technical University named after D. Serikbayev",
        "D. Serikbayev East Kazakhstan Technical University",
        short=["EKTU"],
    ),
    *_official(TOKAYEV, "Kassym-Jomart Tokayev", "Тоқаев", surnames=["Tokayev", "Токаев"]),
    *_official(NURBEK, "Sayasat Nurbek", surnames=["Nurbek"]),
    *_official(XI, "Xi Jinping"),
]


def build_matcher(extra=()) -> Matcher:
    return Matcher([*ALIASES, *extra])
