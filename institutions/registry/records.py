"""What the registry file holds: one frozen dataclass per kind of entry.

Each mirrors the model it becomes; its fields are the keys an entry is written with.
"""

from dataclasses import dataclass
from datetime import date

CLASSIFICATIONS = frozenset(
    {
        "state",
        "head_of_state",
        "parliament",
        "chamber",
        "government",
        "ministry",
        "agency",
        "university",
        "college",
        "workshop",
        "centre",
        "company",
        "organisation",
    }
)
ALIAS_KINDS = frozenset({"name", "short", "surname", "former"})


@dataclass(frozen=True)
class Alias:
    """Another written form of an entity's name (``Alias`` model)."""

    name: str
    kind: str = "name"  # one of ALIAS_KINDS
    language: str = ""  # e.g. "ru", "kk"; empty for English and Latin spellings
    # Also an ordinary word: matched only with its capitals. The importer also marks
    # the aliases ``newsroom.words`` knows as common words.
    is_common_word: bool = False


@dataclass(frozen=True)
class Appointment:
    """An official holding a post (``Appointment`` model, its ``Post`` found by label)."""

    institution: str  # slug of an institution in the registry
    post: str  # one of that institution's ``posts``, exactly as written there
    start: date | None = None  # None: unknown
    end: date | None = None  # None: still in office


@dataclass(frozen=True)
class Institution:
    """An ``Institution`` row; ``parent`` and ``superseded_by`` are registry slugs."""

    slug: str
    name: str
    classification: str  # one of CLASSIFICATIONS
    parent: str | None = None
    superseded_by: str | None = None
    city: str = ""
    country: str = ""
    founded: date | None = None
    dissolved: date | None = None
    summary: str = ""
    name_ru: str = ""
    name_kk: str = ""
    summary_ru: str = ""
    summary_kk: str = ""
    wikidata: str = ""
    aliases: tuple[Alias, ...] = ()
    posts: tuple[str, ...] = ()  # ``Post`` labels, unique per institution ignoring case


@dataclass(frozen=True)
class Official:
    """An ``Official`` row with the posts they held."""

    slug: str
    name: str
    given_name: str = ""
    family_name: str = ""
    summary: str = ""
    name_ru: str = ""
    name_kk: str = ""
    summary_ru: str = ""
    summary_kk: str = ""
    wikidata: str = ""
    aliases: tuple[Alias, ...] = ()
    appointments: tuple[Appointment, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Everything in the file.

    Institutions come parents before children, so they can be created one by one;
    ``superseded_by`` may point at one created later. Officials keep file order.
    """

    institutions: tuple[Institution, ...]
    officials: tuple[Official, ...]

    def institution(self, slug: str) -> Institution:
        return next(i for i in self.institutions if i.slug == slug)

    def official(self, slug: str) -> Official:
        return next(o for o in self.officials if o.slug == slug)
