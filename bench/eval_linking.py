"""Measure how well the linker does what a careful editor would, per language and per place.

Reads a corpus directory (by default ``tests/linking/corpus``): scraped-style articles in
English, Russian and Kazakh, a registry in the project's format, and an answer key of the
places in each article where a careful editor links an entity. Each article is parsed as
the importer parses it and its title, standfirst and story go through the matcher built
as the site builds it; an exact hit is a link, a suggestion is not. Each article is read in
the language the importer detects in it.

The key names each place by its words in the text, the name itself in brackets and as
many words around it as it takes to find it once ("President [Tokayev] said"); a name
that occurs once needs no brackets. A link counts as right when it names the key's entity
and overlaps the key's place; a place no link covers is a miss, a link over no place of
its entity a false link. So a miss and a false link of the same entity never cancel out.

Run as `python bench/eval_linking.py [corpus dir] [-v]`; `-v` lists every miss and false
link with the words around it. Recall is the share of the key's places the linker links;
precision is the share of its links that the key holds.
"""

import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from articles.linking.matcher import AliasEntry, Matcher
from articles.scrape import parse_scrape
from institutions.registry import load_registry
from newsroom.words import is_common_word

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "linking" / "corpus"
# How the title, standfirst and story are joined into the one text places are found in.
FIELD_BREAK = "\n\n"
# Words shown either side of a miss or a false link.
CONTEXT_WORDS = 5


class AnswerKeyError(ValueError):
    """The answer key names a place that is not in its article once; the message says which."""


@dataclass
class Score:
    expected: int = 0
    made: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.made if self.made else 1.0


@dataclass(frozen=True)
class Place:
    entity: str
    start: int
    end: int


def registry_matcher(path: Path) -> Matcher:
    """The matcher over the registry file, its aliases flagged as the importer flags them."""
    registry = load_registry(path)
    entries = []
    for kind, entities in (
        ("institution", registry.institutions),
        ("official", registry.officials),
    ):
        for entity in entities:
            country = getattr(entity, "country", "")
            entries.append(
                AliasEntry(
                    entity.slug, entity.name, "name", kind, is_common_word(entity.name), country
                )
            )
            entries += [
                AliasEntry(
                    entity.slug,
                    alias.name,
                    alias.kind,
                    kind,
                    alias.is_common_word or is_common_word(alias.name),
                    country,
                )
                for alias in entity.aliases
            ]
    return Matcher(entries)


def linked_places(matcher: Matcher, data: bytes) -> tuple[str, list[Place]]:
    """The scraped article's title, standfirst and story as one text, and the places
    where the matcher links an entity in it."""
    article = parse_scrape(data)
    text, places, offset = "", [], 0
    for field in (article.title, article.dek, article.body):
        places += [
            Place(hit.entity_id, offset + hit.start, offset + hit.end)
            for hit in matcher.find(field, article.language)
            if hit.exact
        ]
        text += field + FIELD_BREAK
        offset = len(text)
    return text, places


def key_places(text: str, answers: dict, article: str) -> list[Place]:
    """The places the key gives for one article, found in its text."""
    places = []
    for entity, written in answers.items():
        if not isinstance(written, list):
            raise AnswerKeyError(
                f"{article}: {entity} = {written!r}: give the places as a list of strings"
            )
        for phrase in written:
            places.append(_find_place(text, entity, phrase, article))
    return places


def _find_place(text: str, entity: str, phrase: str, article: str) -> Place:
    before, bracket, rest = phrase.partition("[")
    name, closing, after = rest.partition("]")
    if not bracket:
        before, name, after = "", phrase, ""
    elif not closing:
        raise AnswerKeyError(f"{article}: {phrase!r} opens a bracket it does not close")
    pattern = re.compile(
        "".join(_words_pattern(part, group) for part, group in ((before, 0), (name, 1), (after, 0)))
    )
    found = list(pattern.finditer(text))
    if len(found) != 1:
        times = "nowhere" if not found else f"{len(found)} times"
        raise AnswerKeyError(f"{article}: {phrase!r} ({entity}) is {times} in the text")
    return Place(entity, found[0].start("name"), found[0].end("name"))


def _words_pattern(part: str, named: bool) -> str:
    """`part` as a pattern in which any run of white space matches any other (the story
    wraps lines where the key does not)."""
    pattern = r"\s+".join(re.escape(word) for word in part.split(" "))
    return f"(?P<name>{pattern})" if named else pattern


def score_article(key: list[Place], made: list[Place]) -> tuple[list[Place], list[Place]]:
    """The key's places no link covers, and the links over no place of their entity."""
    unmatched = list(made)
    missed = []
    for place in sorted(key, key=lambda p: p.start):
        link = next(
            (
                link
                for link in unmatched
                if link.entity == place.entity and link.start < place.end and place.start < link.end
            ),
            None,
        )
        if link is None:
            missed.append(place)
        else:
            unmatched.remove(link)
    return missed, unmatched


def in_context(text: str, place: Place) -> str:
    """The place in brackets with a few words either side, on one line."""
    before = text[: place.start].split()[-CONTEXT_WORDS:]
    after = text[place.end :].split()[:CONTEXT_WORDS]
    glued_before = "" if place.start == 0 or text[place.start - 1].isspace() else before.pop()
    glued_after = "" if place.end >= len(text) or text[place.end].isspace() else after.pop(0)
    return " ".join(
        [*before, f"{glued_before}[{text[place.start : place.end]}]{glued_after}", *after]
    )


def evaluate(corpus: Path = CORPUS, *, report=None) -> dict[str, Score]:
    """Scores per language (the file name's prefix, "en-01.txt") and "all"."""
    matcher = registry_matcher(corpus / "registry.toml")
    answers = tomllib.loads((corpus / "answers.toml").read_text(encoding="utf-8"))
    scores: dict[str, Score] = defaultdict(Score)
    for path in sorted((corpus / "articles").glob("*.txt")):
        text, made = linked_places(matcher, path.read_bytes())
        key = key_places(text, answers.get(path.stem, {}), path.stem)
        missed, wrong = score_article(key, made)
        for language in (path.stem.split("-")[0], "all"):
            score = scores[language]
            score.expected += len(key)
            score.made += len(made)
            score.right += len(key) - len(missed)
        if report:
            for label, places in (("miss", missed), ("false", wrong)):
                for place in places:
                    report(f"{path.name}: {label} {place.entity}: {in_context(text, place)}")
    return dict(scores)


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != "-v"]
    corpus = Path(args[0]) if args else CORPUS
    try:
        scores = evaluate(corpus, report=print if "-v" in sys.argv else None)
    except AnswerKeyError as error:
        sys.exit(f"answer key: {error}")
    print(f"{'language':<10}{'places':>7}{'links':>7}{'recall':>9}{'precision':>11}")
    # Each language, then all of them together.
    for language, score in sorted(scores.items(), key=lambda item: item[0] == "all"):
        print(
            f"{language:<10}{score.expected:>7}{score.made:>7}"
            f"{score.recall:>9.3f}{score.precision:>11.3f}"
        )


if __name__ == "__main__":
    main()
